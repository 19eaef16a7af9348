//! `casereview graph CASE`: the contact and handoff network as DOT, GraphML or JSON.
//! Drawn from the case's view: a confidential notifier is one neutral agency.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::ValueEnum;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::{CliError, MethodologyArgs, Status, analysed_view, print_out};
use crate::graph::{CaseGraph, EdgeKind, Node};
use crate::model::{Case, Vocabulary};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A case.yaml, or the folder that holds one.
    pub case: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    pub format: Format,
    #[command(flatten)]
    pub methodology: MethodologyArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Dot,
    Graphml,
    Json,
}

/// The network as plain data: what every format writes.
#[derive(Serialize)]
struct Network {
    nodes: Vec<NetworkNode>,
    edges: Vec<NetworkEdge>,
}

#[derive(Serialize)]
struct NetworkNode {
    id: String,
    kind: &'static str,
    label: String,
    /// The agency's kind or the person's role.
    group: &'static str,
}

#[derive(Serialize)]
struct NetworkEdge {
    from: String,
    to: String,
    kind: &'static str,
    event: String,
    date: String,
}

pub fn run(args: &Args) -> Result<Status, CliError> {
    let methodology = args.methodology.load()?;
    let checked = crate::pipeline::check(&args.case, &methodology)?;
    let Some(view) = analysed_view(&checked, &methodology, None, "no graph was written")? else {
        return Ok(Status::DataErrors);
    };
    let network = network(&view.case);
    let text = match args.format {
        Format::Dot => dot(&network),
        Format::Graphml => graphml(&network),
        Format::Json => serde_json::to_string_pretty(&network)? + "\n",
    };
    print_out(&text)?;
    Ok(Status::Success)
}

fn network(case: &Case) -> Network {
    let graph = CaseGraph::build(case);
    let nodes: Vec<NetworkNode> = graph
        .network
        .node_weights()
        .map(|node| match node {
            Node::Agency(a) => NetworkNode {
                id: a.id.to_string(),
                kind: "agency",
                label: a.name.value.clone(),
                group: a.kind.value.as_str(),
            },
            Node::Person(p) => NetworkNode {
                id: p.id.to_string(),
                kind: "person",
                label: p.label.value.clone(),
                group: p.role.value.as_str(),
            },
        })
        .collect();
    let mut edges = Vec::new();
    for edge in graph.network.edge_references() {
        let event = edge.weight().event;
        let kind = match edge.weight().kind {
            EdgeKind::Contact => "contact",
            EdgeKind::Handoff => "handoff",
            EdgeKind::Attended => "attended",
            EdgeKind::InvitedAbsent => "invited_absent",
        };
        let id_of = |index| match graph.network[index] {
            Node::Agency(a) => a.id.to_string(),
            Node::Person(p) => p.id.to_string(),
        };
        edges.push(NetworkEdge {
            from: id_of(edge.source()),
            to: id_of(edge.target()),
            kind,
            event: event.id.to_string(),
            date: event.date.to_string(),
        });
    }
    Network { nodes, edges }
}

fn dot(network: &Network) -> String {
    let quote = |s: &str| {
        format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        )
    };
    let mut out = String::from("digraph case {\n  rankdir=LR;\n");
    for node in &network.nodes {
        let shape = if node.kind == "agency" {
            "box"
        } else {
            "ellipse"
        };
        out.push_str(&format!(
            "  {} [label={}, shape={shape}];\n",
            quote(&node.id),
            quote(&node.label)
        ));
    }
    let mut counts: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
    for edge in &network.edges {
        counts
            .entry((&edge.from, &edge.to, edge.kind))
            .or_default()
            .push(&edge.event);
    }
    for ((from, to, kind), events) in counts {
        let style = match kind {
            "handoff" => "solid",
            "contact" => "dotted",
            _ => "dashed",
        };
        out.push_str(&format!(
            "  {} -> {} [label={}, style={style}];\n",
            quote(from),
            quote(to),
            quote(&format!("{kind}: {}", events.join(", ")))
        ));
    }
    out.push_str("}\n");
    out
}

fn graphml(network: &Network) -> String {
    let escape = crate::render::escape_markup;
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"group\" for=\"node\" attr.name=\"group\" attr.type=\"string\"/>\n",
        "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"event\" for=\"edge\" attr.name=\"event\" attr.type=\"string\"/>\n",
        "  <key id=\"date\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n",
        "  <graph edgedefault=\"directed\">\n"
    ));
    for node in &network.nodes {
        out.push_str(&format!(
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"group\">{}</data></node>\n",
            escape(&node.id),
            escape(&node.label),
            node.group
        ));
    }
    for edge in &network.edges {
        out.push_str(&format!(
            "    <edge source=\"{}\" target=\"{}\"><data key=\"kind\">{}</data><data key=\"event\">{}</data><data key=\"date\">{}</data></edge>\n",
            escape(&edge.from),
            escape(&edge.to),
            edge.kind,
            escape(&edge.event),
            escape(&edge.date)
        ));
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
