//! The geometry of the two figures, computed here so the template only draws: the agency
//! swimlane timeline and the contact-and-handoff network. Coordinates run from 0 to 1.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::format::DateStyle;
use crate::graph::CaseGraph;
use crate::model::{Date, Event, EventKind};

#[derive(Serialize)]
pub struct TimelineFigure {
    pub lanes: Vec<Lane>,
    pub marks: Vec<Mark>,
    pub arrows: Vec<Arrow>,
    pub outcome_x: f64,
    pub ticks: Vec<Tick>,
}

#[derive(Serialize)]
pub struct Lane {
    /// The agency's id: the on-screen view's hook (`data-agency`).
    pub agency: String,
    pub label: String,
    pub colour: &'static str,
}

#[derive(Serialize)]
pub struct Mark {
    /// The event's id: the on-screen view's hook (`data-event`).
    pub event: String,
    pub lane: usize,
    pub x: f64,
    /// `seen` (the child was seen), `concern`, `incident`, `decision` or `other`.
    pub shape: &'static str,
}

#[derive(Serialize)]
pub struct Arrow {
    /// The handoff event's id.
    pub event: String,
    pub from: usize,
    pub to: usize,
    pub x: f64,
    pub colour: &'static str,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// Where on the axis from `start` to `end` a date falls (the middle of its interval).
struct Axis {
    start: NaiveDate,
    days: f64,
}

impl Axis {
    fn x(&self, date: &Date) -> f64 {
        let first = (date.first_day() - self.start).num_days() as f64;
        let last = (date.last_day() - self.start).num_days() as f64;
        ((first + last) / 2.0 / self.days).clamp(0.0, 1.0)
    }
}

pub fn timeline(
    graph: &CaseGraph,
    style: &DateStyle,
    colours: &HashMap<&str, &'static str>,
) -> TimelineFigure {
    let case = graph.case;
    let events = &graph.timeline.events;
    let start = events
        .iter()
        .map(|e| e.date.first_day())
        .chain(case.meta.review.period.as_ref().map(|p| p.from.first_day()))
        .min()
        .unwrap_or(case.meta.outcome.date.first_day());
    let end = events
        .iter()
        .map(|e| e.date.last_day())
        .chain([case.meta.outcome.date.last_day()])
        .max()
        .expect("the outcome");
    let axis = Axis {
        start,
        days: ((end - start).num_days() as f64).max(1.0),
    };
    // One lane per agency that acted or received, in the order the case lists them.
    let active: Vec<&crate::model::Agency> = case
        .agencies
        .iter()
        .filter(|a| {
            events.iter().any(|e| {
                e.agency.value == a.id.value || e.to.as_ref().is_some_and(|t| t.value == a.id.value)
            })
        })
        .collect();
    let lane_of: HashMap<&str, usize> = active
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut marks = Vec::new();
    let mut arrows = Vec::new();
    for event in events.iter().filter(|e| e.kind.value != EventKind::Outcome) {
        let x = axis.x(&event.date);
        let to_lane = event
            .to
            .as_ref()
            .and_then(|t| lane_of.get(t.as_str()))
            .copied();
        let from_lane = lane_of.get(event.agency.as_str()).copied();
        match (from_lane, event.kind.is_handoff(), to_lane) {
            (Some(from), true, Some(to)) => arrows.push(Arrow {
                event: event.id.to_string(),
                from,
                to,
                x,
                colour: colours
                    .get(event.agency.as_str())
                    .copied()
                    .unwrap_or("#7F7F7F"),
            }),
            (Some(lane), _, _) => marks.push(Mark {
                event: event.id.to_string(),
                lane,
                x,
                shape: shape(event),
            }),
            _ => {}
        }
    }
    TimelineFigure {
        lanes: active
            .iter()
            .map(|a| Lane {
                agency: a.id.to_string(),
                label: a.name.value.clone(),
                colour: colours.get(a.id.as_str()).copied().unwrap_or("#7F7F7F"),
            })
            .collect(),
        marks,
        arrows,
        outcome_x: axis.x(&case.meta.outcome.date),
        ticks: ticks(&axis, start, end, style),
    }
}

fn shape(event: &Event) -> &'static str {
    match event.kind.value {
        EventKind::Incident => "incident",
        EventKind::Decision => "decision",
        _ if event.child_seen => "seen",
        _ if !event.concerns.is_empty() => "concern",
        _ => "other",
    }
}

/// Year starts over a long span; month starts (every few months) over a short one.
fn ticks(axis: &Axis, start: NaiveDate, end: NaiveDate, style: &DateStyle) -> Vec<Tick> {
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    let step = match months {
        ..=6 => 1,
        7..=18 => 3,
        19..=36 => 6,
        _ => 12,
    };
    let mut ticks = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(start.year(), 1, 1).expect("1 January");
    while day <= end {
        if day >= start && (day.month0() as i32) % step == 0 {
            let date = Date::from_day(day);
            let label = match (style.mode, step) {
                (crate::model::DateMode::Relative, _) => style.show(&date),
                (_, 12) => day.year().to_string(),
                _ => style.show(&Date::parse(&day.format("%Y-%m").to_string()).expect("a month")),
            };
            ticks.push(Tick {
                x: axis.x(&date),
                label,
            });
        }
        day = day
            .checked_add_months(chrono::Months::new(1))
            .expect("within the calendar");
    }
    ticks
}

#[derive(Serialize)]
pub struct NetworkFigure {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

#[derive(Serialize)]
pub struct NetworkNode {
    pub id: String,
    pub label: String,
    pub colour: &'static str,
    pub x: f64,
    pub y: f64,
    pub lead: bool,
}

#[derive(Serialize)]
pub struct NetworkEdge {
    pub from: usize,
    pub to: usize,
    pub count: usize,
    pub cross_border: bool,
}

/// Agencies on a circle, the lead in the middle; one edge per direction with its count.
pub fn network(graph: &CaseGraph, colours: &HashMap<&str, &'static str>) -> NetworkFigure {
    let case = graph.case;
    let mut pairs: BTreeMap<(String, String), (usize, bool)> = BTreeMap::new();
    for handoff in &graph.handoffs {
        let entry = pairs
            .entry((handoff.from.to_owned(), handoff.to.to_owned()))
            .or_insert((0, false));
        entry.0 += 1;
        entry.1 |= handoff.cross_border;
    }
    let lead = case
        .agencies
        .iter()
        .find(|a| a.lead)
        .map(|a| a.id.to_string());
    let ids: Vec<String> = case.agencies.iter().map(|a| a.id.to_string()).collect();
    let around: Vec<&String> = ids.iter().filter(|id| Some(*id) != lead.as_ref()).collect();
    let mut nodes = Vec::new();
    for id in &ids {
        let is_lead = Some(id) == lead.as_ref();
        let (x, y) = if is_lead {
            (0.5, 0.5)
        } else {
            let i = around.iter().position(|a| *a == id).expect("listed") as f64;
            let angle = -std::f64::consts::FRAC_PI_2
                + i * std::f64::consts::TAU / around.len().max(1) as f64;
            (0.5 + 0.4 * angle.cos(), 0.5 + 0.4 * angle.sin())
        };
        nodes.push(NetworkNode {
            id: id.clone(),
            label: case.agency_name(id),
            colour: colours.get(id.as_str()).copied().unwrap_or("#7F7F7F"),
            x,
            y,
            lead: is_lead,
        });
    }
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let edges = pairs
        .into_iter()
        .filter_map(|((from, to), (count, cross_border))| {
            Some(NetworkEdge {
                from: *index.get(from.as_str())?,
                to: *index.get(to.as_str())?,
                count,
                cross_border,
            })
        })
        .collect();
    NetworkFigure { nodes, edges }
}
