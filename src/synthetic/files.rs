//! The reviewers' part, the spread of agencies over chronology files, and the files' text.

use std::fmt::Write as _;

use chrono::{Datelike, Days};

use crate::model::{ActionStrength, Priority, Vocabulary};

use super::random::*;
use super::story::*;

/// Episodes, findings and recommendations: the reviewers' part, a few of each.
pub(super) struct ReviewerAnalysis {
    pub(super) episodes: Vec<EpisodeDraft>,
    /// (pattern, is a weakness) per finding; finding k is about episode k.
    pub(super) findings: Vec<(&'static str, bool)>,
    /// (finding index, agency that owns the action).
    pub(super) recommendations: Vec<(usize, usize)>,
}

pub(super) struct EpisodeDraft {
    pub(super) events: Vec<usize>,
}

impl ReviewerAnalysis {
    pub(super) fn new(events: &[Draft], agencies: &[AgencyDraft], rng: &mut SplitMix64) -> Self {
        let before_outcome = events.len() - 1;
        let count = (before_outcome / 400).clamp(1, 25);
        let mut analysis = ReviewerAnalysis {
            episodes: Vec::new(),
            findings: Vec::new(),
            recommendations: Vec::new(),
        };
        if before_outcome < 3 {
            return analysis;
        }
        for k in 0..count {
            let start = k * before_outcome / count;
            let end = (start + rng.between(3, 6)).min(before_outcome);
            let episode = EpisodeDraft {
                events: (start..end).collect(),
            };
            let weakness = rng.percent(65);
            analysis.findings.push((*rng.pick(PATTERNS), weakness));
            if weakness {
                // The action belongs to an agency of the episode, or to the lead.
                let owner = episode
                    .events
                    .iter()
                    .map(|&e| events[e].agency)
                    .find(|&a| !agencies[a].lead)
                    .unwrap_or(0);
                analysis.recommendations.push((k, owner));
            }
            analysis.episodes.push(episode);
        }
        analysis
    }
}

pub(super) fn event_id(index: usize) -> String {
    format!("e{:06}", index + 1)
}

pub(super) fn events_per_agency(events: &[Draft], agencies: usize) -> Vec<usize> {
    let mut counts = vec![0usize; agencies];
    for event in events {
        counts[event.agency] += 1;
    }
    counts
}

/// Assigns agencies to `case.yaml` (bucket 0) and the chronology files, largest first,
/// each to the bucket with the fewest events so far: files of similar size.
pub(super) fn spread_agencies(counts: &[usize], chronology_files: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&a| (std::cmp::Reverse(counts[a]), a));
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); chronology_files + 1];
    let mut loads = vec![0usize; chronology_files + 1];
    for agency in order {
        // Ties go to the bucket with fewer agencies, so idle agencies spread out too.
        let target = (0..buckets.len())
            .min_by_key(|&b| (loads[b], buckets[b].len(), b))
            .expect("at least case.yaml");
        loads[target] += counts[agency];
        buckets[target].push(agency);
    }
    buckets
}

/// A chronology file: its agencies, the first (busiest) of them its default `agency:`.
pub(super) struct Chronology {
    pub(super) path: String,
    pub(super) agencies: Vec<usize>,
}

impl Chronology {
    pub(super) fn new(bucket: &[usize], agencies: &[AgencyDraft]) -> Option<Self> {
        let first = *bucket.first()?;
        Some(Chronology {
            path: format!("chronology/{}.yaml", agencies[first].id),
            agencies: bucket.to_vec(),
        })
    }

    pub(super) fn default_agency(&self) -> usize {
        self.agencies[0]
    }
}

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        $out.write_fmt(format_args!($($arg)*)).expect("a String accepts any text")
    };
}

pub(super) fn render_case_file(
    frame: &Frame,
    agencies: &[AgencyDraft],
    chronologies: &[Chronology],
    events: &[Draft],
    own_agencies: &[usize],
    analysis: &ReviewerAnalysis,
) -> String {
    let mut out = String::with_capacity(events.len() * 400 / (chronologies.len() + 1) + 8192);
    put!(
        out,
        "# A synthetic case: every person, agency and event is invented.\n"
    );
    put!(out, "format: casereview/1\n");
    render_meta(&mut out, frame);
    render_people(&mut out, frame);
    render_agencies(&mut out, agencies);
    put!(
        out,
        "residence:\n  - {{ from: {}, registered: cp-lead, actual: cp-lead }}\n",
        ymd(frame.period_from)
    );
    if !chronologies.is_empty() {
        put!(out, "chronologies:\n");
        for chronology in chronologies {
            put!(out, "  - {}\n", chronology.path);
        }
    }
    put!(out, "events:\n");
    render_events(&mut out, events, agencies, own_agencies, None);
    render_analysis(&mut out, events, agencies, analysis, frame);
    out
}

pub(super) fn render_meta(out: &mut String, frame: &Frame) {
    let document_date = frame.outcome + Days::new(200);
    put!(
        out,
        "case:\n  id: SYN-{}\n  title: \"Synthetic review: Child S\"\n  date: {}\n",
        frame.seed,
        ymd(document_date)
    );
    put!(out, "  language: en\n  status: draft\n  version: \"0.1\"\n");
    put!(
        out,
        "  classification:\n    label: \"FOR OFFICIAL USE ONLY\"\n    until: {}\n",
        ymd(document_date + Days::new(3650))
    );
    put!(out, "  dates: absolute\n  review:\n");
    put!(
        out,
        "    period: {{ from: {}, to: {} }}\n",
        ymd(frame.period_from),
        ymd(frame.outcome)
    );
    put!(out, "    commissioned_by: \"Social Insurance Board\"\n");
    put!(out, "    working_group:\n");
    put!(
        out,
        "      - {{ label: \"Chair\", organisation: \"Social Insurance Board\" }}\n"
    );
    put!(
        out,
        "      - {{ label: \"Police representative\", organisation: \"Police\" }}\n"
    );
    put!(
        out,
        "  outcome:\n    date: {}\n    kind: hospitalisation\n",
        ymd(frame.outcome)
    );
    put!(
        out,
        "    summary: \"The child was admitted to hospital with a head injury.\"\n"
    );
}

pub(super) fn render_people(out: &mut String, frame: &Frame) {
    put!(out, "people:\n");
    for (id, role, label) in PEOPLE {
        put!(out, "  - {{ id: {id}, role: {role}, label: \"{label}\"");
        match *id {
            "child" => put!(
                out,
                ", born: {:04}-{:02}",
                frame.child_born.year(),
                frame.child_born.month()
            ),
            "sibling" => put!(out, ", born: {}", frame.child_born.year() + 2),
            _ => {}
        }
        put!(out, " }}\n");
    }
}

pub(super) fn render_agencies(out: &mut String, agencies: &[AgencyDraft]) {
    put!(out, "agencies:\n");
    for a in agencies {
        put!(
            out,
            "  - {{ id: {}, name: {}, kind: {}, country: {}",
            a.id,
            quoted(&a.name),
            a.kind.as_str(),
            a.country
        );
        if a.lead {
            put!(out, ", lead: true");
        }
        put!(out, " }}\n");
    }
}

pub(super) fn render_chronology(
    chronology: &Chronology,
    frame: &Frame,
    agencies: &[AgencyDraft],
    events: &[Draft],
) -> String {
    let default = chronology.default_agency();
    let mut out = String::with_capacity(events.len() * 400 / chronology.agencies.len().max(1));
    put!(out, "format: casereview/1\n");
    put!(out, "agency: {}\n", agencies[default].id);
    put!(
        out,
        "submitted: {{ by: \"Head of {}\", on: {} }}\n",
        agencies[default].name,
        ymd(frame.outcome + Days::new(90))
    );
    put!(out, "events:\n");
    render_events(
        &mut out,
        events,
        agencies,
        &chronology.agencies,
        Some(default),
    );
    out
}

/// The events of `own` agencies, in timeline order; `agency:` omitted where it is the
/// file's default.
pub(super) fn render_events(
    out: &mut String,
    events: &[Draft],
    agencies: &[AgencyDraft],
    own: &[usize],
    default_agency: Option<usize>,
) {
    let mut mine = vec![false; agencies.len()];
    for &a in own {
        mine[a] = true;
    }
    for (index, event) in events.iter().enumerate() {
        if mine[event.agency] {
            render_event(out, index, event, agencies, default_agency);
        }
    }
}

pub(super) fn render_event(
    out: &mut String,
    index: usize,
    e: &Draft,
    agencies: &[AgencyDraft],
    default_agency: Option<usize>,
) {
    let agency_id = |a: usize| agencies[a].id.as_str();
    let id_list = |ids: &[usize]| {
        let ids: Vec<&str> = ids.iter().map(|&a| agency_id(a)).collect();
        ids.join(", ")
    };
    put!(out, "  - id: {}\n    date: {}\n", event_id(index), e.date);
    if e.approx {
        put!(out, "    approx: true\n");
    }
    if default_agency != Some(e.agency) {
        put!(out, "    agency: {}\n", agency_id(e.agency));
    }
    put!(out, "    kind: {}\n", e.kind.as_str());
    if let Some(to) = e.to {
        put!(out, "    to: {}\n", agency_id(to));
    }
    if let Some(reply_to) = e.reply_to {
        put!(out, "    reply_to: {}\n", event_id(reply_to));
    }
    if !e.people.is_empty() {
        put!(out, "    people: [{}]\n", e.people.join(", "));
    }
    if e.child_seen {
        put!(out, "    child_seen: true\n");
    }
    if e.child_seen_alone {
        put!(out, "    child_seen_alone: true\n");
    }
    if let Some(views) = &e.child_views {
        put!(out, "    child_views: {views}\n");
    }
    if !e.concerns.is_empty() {
        put!(out, "    concerns: [{}]\n", e.concerns.join(", "));
    }
    if let Some(channel) = e.channel {
        put!(out, "    channel: {}\n", channel.as_str());
    }
    if let Some(mode) = e.mode {
        put!(out, "    mode: {}\n", mode.as_str());
    }
    if !e.invited.is_empty() {
        put!(out, "    invited: [{}]\n", id_list(&e.invited));
    }
    if !e.attended.is_empty() {
        put!(out, "    attended: [{}]\n", id_list(&e.attended));
    }
    if let Some(decision) = e.decision {
        put!(out, "    decision: {}\n", decision.as_str());
    }
    if let Some(service) = &e.service {
        put!(out, "    service: {}\n", quoted(service));
    }
    if let Some(severity) = e.severity {
        put!(out, "    severity: {}\n", severity.as_str());
    }
    if e.notifier_confidential {
        put!(out, "    notifier_confidential: true\n");
    }
    put!(out, "    summary: {}\n", quoted(&e.summary));
    put!(out, "    source: {}\n", quoted(&e.source));
    if let Some(action) = &e.action {
        put!(out, "    action: {}\n", quoted(action));
    }
    if let Some(note) = &e.note {
        put!(out, "    note: {}\n", quoted(note));
    }
}

pub(super) fn render_analysis(
    out: &mut String,
    events: &[Draft],
    agencies: &[AgencyDraft],
    analysis: &ReviewerAnalysis,
    frame: &Frame,
) {
    put!(out, "episodes:\n");
    for (k, episode) in analysis.episodes.iter().enumerate() {
        let ids: Vec<String> = episode.events.iter().map(|&e| event_id(e)).collect();
        put!(out, "  - id: kpe{}\n", k + 1);
        put!(out, "    title: \"Key practice episode {}\"\n", k + 1);
        put!(out, "    events: [{}]\n", ids.join(", "));
        let what_happened = format!(
            "{} events over a few weeks, starting with: {}",
            ids.len(),
            events[episode.events[0]].summary
        );
        put!(out, "    what_happened: {}\n", quoted(&what_happened));
        put!(
            out,
            "    why_it_made_sense: \"The practitioners had many cases and the family seemed to cooperate.\"\n"
        );
    }
    put!(out, "findings:\n");
    for (k, (pattern, weakness)) in analysis.findings.iter().enumerate() {
        let episode = &analysis.episodes[k];
        let first = event_id(episode.events[0]);
        let last = event_id(*episode.events.last().expect("episodes hold events"));
        put!(out, "  - id: f{}\n", k + 1);
        put!(
            out,
            "    kind: {}\n",
            if *weakness { "weakness" } else { "strength" }
        );
        put!(out, "    pattern: {pattern}\n");
        put!(
            out,
            "    title: \"Practice around {}\"\n",
            pattern.replace('_', " ")
        );
        put!(
            out,
            "    text: \"Seen in key practice episode {}: what the agencies knew did not always reach each other.\"\n",
            k + 1
        );
        put!(out, "    evidence: [kpe{}, {first}, {last}]\n", k + 1);
    }
    put!(out, "recommendations:\n");
    for (n, &(finding, owner)) in analysis.recommendations.iter().enumerate() {
        let priority = Priority::WORDS[n % Priority::WORDS.len()];
        let strength = ActionStrength::WORDS[n % ActionStrength::WORDS.len()];
        put!(out, "  - id: r{}\n", n + 1);
        put!(
            out,
            "    text: \"Agree with {} how a notification is acknowledged within two working days.\"\n",
            agencies[owner].name
        );
        put!(out, "    to: {}\n", agencies[owner].id);
        put!(out, "    findings: [f{}]\n", finding + 1);
        put!(out, "    priority: {priority}\n    strength: {strength}\n");
        put!(out, "    due: {}\n", ymd(frame.outcome + Days::new(540)));
        put!(
            out,
            "    measure: \"An audit of 20 notifications finds every one acknowledged in time.\"\n"
        );
    }
}
