//! The case as every output shows it. An event marked `notifier_confidential` (LasteKS § 27
//! lg 5) keeps only what cannot name the notifier: the view drops its `source`, `action` and
//! `note` and everyone it names but the child; a confidential *notification* (a handoff)
//! also loses its sender, which becomes one neutral agency. Agencies and people that then
//! appear nowhere else are left out, so no table, figure, export or graph can list them,
//! even with zero activity. (On an event that is not a handoff — a call the helpline
//! records — the agency is the receiver, which stays.) Flags keep their ids; a flag
//! whose evidence holds a hidden notification does not name that notification's sender, and
//! a flag anchored on an agency or a person the view leaves out is not shown at all (a
//! person named only in a confidential notification is what that notification said).
//!
//! The rules run on the whole case (who notified matters to what reached whom); the outputs
//! read only this view, built once here, so a new output cannot forget to hide anyone.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::analysis::Flag;
use crate::methodology::{Fact, Messages, key};
use crate::model::*;

/// The id of the agency that stands for every hidden sender: `notifier-confidential`, or
/// the first `notifier-confidential-N` the case does not use.
fn notifier_id(case: &Case) -> Id {
    let taken = |id: &str| case.agencies.iter().any(|a| a.id.as_str() == id);
    let id = std::iter::once("notifier-confidential".to_owned())
        .chain((2..).map(|n| format!("notifier-confidential-{n}")))
        .find(|id| !taken(id))
        .expect("an unused id");
    Id(id)
}

/// The case and its flags as outputs show them, in one language.
pub struct CaseView<'a> {
    /// Borrowed when nothing is hidden: a case of 100,000 events is not copied for nothing.
    pub case: Cow<'a, Case>,
    pub flags: Cow<'a, [Flag]>,
    /// The catalogue the flags' messages are worded with.
    pub messages: Messages,
}

/// A case with its confidential notifiers hidden, and what was hidden: the part of the view
/// that `anonymise` also applies, so a shared copy hides what every output hides.
pub struct Redacted<'a> {
    pub case: Cow<'a, Case>,
    /// The confidential notifications whose sender was replaced, with that sender.
    hidden_events: HashMap<Id, Id>,
    /// The agencies left out (they appeared only as hidden senders) and the people left out
    /// (they appeared only in confidential events): no flag id or evidence may name them.
    removed: BTreeSet<Id>,
}

impl<'a> Redacted<'a> {
    /// `notifier` names the neutral agency in the case's language.
    pub fn new(case: &'a Case, notifier: String) -> Redacted<'a> {
        if !case.events.iter().any(|e| e.notifier_confidential) {
            return Redacted {
                case: Cow::Borrowed(case),
                hidden_events: HashMap::new(),
                removed: BTreeSet::new(),
            };
        }
        let mut shown = case.clone();
        let notifier_id = notifier_id(case);
        let child = case.child().map(|c| c.id.value.clone());
        let mut hidden_senders: BTreeSet<Id> = BTreeSet::new();
        let mut hidden_events: HashMap<Id, Id> = HashMap::new();
        // The neutral agency stands in the country a notification reached: a case's files
        // hold only real country codes.
        let mut country = None;
        for event in shown.events.iter_mut().filter(|e| e.notifier_confidential) {
            event.source = None;
            event.action = None;
            event.note = None;
            event.people.retain(|p| Some(&p.value) == child.as_ref());
            if event.hides_sender() {
                hidden_senders.insert(event.agency.value.clone());
                hidden_events.insert(event.id.value.clone(), event.agency.value.clone());
                event.agency.value = notifier_id.clone();
                if country.is_none() {
                    country = event
                        .to
                        .as_ref()
                        .and_then(|to| case.agency(to.as_str()))
                        .map(|a| a.country.value.clone());
                }
            }
        }
        if !hidden_senders.is_empty() {
            shown.agencies.push(Agency {
                id: Spanned::unplaced(notifier_id),
                name: Spanned::unplaced(notifier),
                kind: Spanned::unplaced(AgencyKind::Other),
                country: Spanned::unplaced(country.unwrap_or_else(|| "EE".to_owned())),
                lead: false,
                chronology: None,
            });
        }
        let referenced = referenced_agencies(&shown);
        let removed: BTreeSet<Id> = hidden_senders
            .iter()
            .filter(|id| !referenced.contains(id.as_str()))
            .cloned()
            .collect();
        shown.agencies.retain(|a| !removed.contains(&a.id.value));
        for chronology in &mut shown.chronologies {
            // A chronology file the notifier sent would name it by its agency, its sender and
            // its file name.
            if chronology
                .agency
                .as_ref()
                .is_some_and(|a| removed.contains(&a.value))
            {
                chronology.agency = None;
                chronology.submitted = None;
                chronology.path.value = String::new();
            }
        }
        let people = referenced_people(&shown);
        let hidden_people: BTreeSet<Id> = case
            .events
            .iter()
            .filter(|e| e.notifier_confidential)
            .flat_map(|e| e.people.iter().map(|p| p.value.clone()))
            .filter(|p| !people.contains(p.as_str()) && Some(p) != child.as_ref())
            .collect();
        shown
            .people
            .retain(|p| !hidden_people.contains(&p.id.value));
        let removed: BTreeSet<Id> = removed.into_iter().chain(hidden_people).collect();
        let mut redacted = Redacted {
            case: Cow::Owned(shown),
            hidden_events,
            removed,
        };
        let removed = redacted.removed.clone();
        for finding in &mut redacted.case.to_mut().findings {
            finding
                .evidence
                .retain(|item| !names_removed(&removed, &item.value));
        }
        redacted
    }
}

/// Whether a flag id or evidence item names an agency or a person the view leaves out.
fn names_removed(removed: &BTreeSet<Id>, text: &str) -> bool {
    text.split(':')
        .any(|part| removed.iter().any(|r| r.as_str() == part))
}

impl<'a> CaseView<'a> {
    pub fn new(case: &'a Case, flags: &'a [Flag], messages: Messages) -> CaseView<'a> {
        let Redacted {
            case: shown,
            hidden_events,
            removed,
        } = Redacted::new(case, messages.word(key::NOTIFIER));
        if hidden_events.is_empty() && removed.is_empty() {
            return CaseView {
                case: shown,
                flags: Cow::Borrowed(flags),
                messages,
            };
        }
        let names_removed = |text: &str| names_removed(&removed, text);
        let flags: Vec<Flag> = flags
            .iter()
            .filter(|flag| !names_removed(&flag.id.to_string()))
            .map(|flag| {
                let mut flag = flag.clone();
                // The senders this flag's evidence hides, and every agency the view leaves out.
                let unnamed: Vec<&Id> = flag
                    .events
                    .iter()
                    .filter_map(|e| hidden_events.get(e))
                    .chain(removed.iter())
                    .collect();
                if flag.agency.as_ref().is_some_and(|a| unnamed.contains(&a)) {
                    flag.agency = None;
                }
                for (_, fact) in &mut flag.message.facts {
                    if let Fact::Agency(Some(agency)) = fact
                        && unnamed.contains(&&*agency)
                    {
                        *fact = Fact::Agency(None);
                    }
                }
                flag
            })
            .collect();
        CaseView {
            case: shown,
            flags: Cow::Owned(flags),
            messages,
        }
    }

    /// A flag's message in the view's language.
    pub fn message(&self, flag: &Flag) -> String {
        self.messages.sentence(&flag.message, &self.case)
    }
}

/// Every agency id the case refers to outside the agency list.
fn referenced_agencies(case: &Case) -> HashSet<&str> {
    let events = case.events.iter().flat_map(|e| {
        std::iter::once(&e.agency)
            .chain(&e.to)
            .chain(&e.invited)
            .chain(&e.attended)
            .chain(&e.to_place)
    });
    let residence = case
        .residence
        .iter()
        .flat_map(|r| [&r.registered, &r.actual]);
    let recommendations = case.recommendations.iter().map(|r| &r.to);
    let chronologies = case.chronologies.iter().filter_map(|c| c.agency.as_ref());
    events
        .chain(residence)
        .chain(recommendations)
        .chain(chronologies)
        .map(|id| id.as_str())
        .collect()
}

/// Every person id the case's events refer to.
fn referenced_people(case: &Case) -> HashSet<&str> {
    case.events
        .iter()
        .flat_map(|e| &e.people)
        .map(|p| p.as_str())
        .collect()
}
