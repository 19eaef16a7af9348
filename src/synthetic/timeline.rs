//! The events one by one: who is involved when, what follows what.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::model::{
    AgencyKind, Channel, ContactMode, DecisionKind, EventKind, IncidentSeverity, Vocabulary,
};

use super::random::*;
use super::story::*;
use crate::model::{ChildViews, Spanned};

/// Builds the events one slot at a time, in timeline order.
pub(super) struct Timeline<'a> {
    pub(super) frame: &'a Frame,
    pub(super) agencies: &'a [AgencyDraft],
    pub(super) rng: &'a mut SplitMix64,
    pub(super) events: Vec<Draft>,
    /// Keyed by (due slot, sequence number): the sequence keeps equal slots in order.
    pub(super) follow_ups: BTreeMap<(usize, usize), FollowUp>,
    pub(super) follow_up_count: usize,
    /// Days from the period's start, one per slot but the outcome's, sorted.
    pub(super) days: Vec<usize>,
    /// Per agency, the days (from the period's start) it is involved with the family:
    /// the lead throughout, the others for a stretch, as in real cases.
    pub(super) involvement: Vec<std::ops::RangeInclusive<usize>>,
    /// The agencies involved on the current slot's day (the lead always among them).
    pub(super) active: Vec<usize>,
    /// Per agency, the day of its latest event with the child.
    pub(super) last_child_contact: Vec<Option<usize>>,
}

impl<'a> Timeline<'a> {
    pub(super) fn new(
        frame: &'a Frame,
        agencies: &'a [AgencyDraft],
        rng: &'a mut SplitMix64,
    ) -> Self {
        Timeline {
            frame,
            agencies,
            rng,
            events: Vec::new(),
            follow_ups: BTreeMap::new(),
            follow_up_count: 0,
            days: Vec::new(),
            involvement: Vec::new(),
            active: Vec::new(),
            last_child_contact: vec![None; agencies.len()],
        }
    }

    pub(super) fn generate(mut self, count: usize) -> Vec<Draft> {
        let before_outcome = count - 1;
        // Every event before the outcome lies in [period start, outcome day − 1], so none
        // can fall after the outcome or outside the review period.
        let span = self.frame.review_days().max(1);
        self.days = (0..before_outcome).map(|_| self.rng.below(span)).collect();
        self.days.sort_unstable();
        self.involvement = self.involvement_spans(span);
        self.events.reserve(count);
        for slot in 0..before_outcome {
            self.refresh_active(slot);
            let event = match self.due_follow_up(slot) {
                Some(follow_up) => self.follow_up(slot, follow_up),
                None => self.fresh(slot),
            };
            if event.child_seen || event.people.contains(&"child") {
                self.last_child_contact[event.agency] = Some(self.days[slot]);
            }
            self.events.push(event);
        }
        let outcome = self.outcome();
        self.events.push(outcome);
        self.events
    }

    /// The lead for the whole period; each other agency for 15–40 % of it, somewhere.
    pub(super) fn involvement_spans(
        &mut self,
        span: usize,
    ) -> Vec<std::ops::RangeInclusive<usize>> {
        (0..self.agencies.len())
            .map(|agency| {
                if agency == 0 {
                    return 0..=span;
                }
                let length = span * self.rng.between(15, 40) / 100;
                let start = self.rng.below(span - length + 1);
                start..=start + length
            })
            .collect()
    }

    pub(super) fn refresh_active(&mut self, slot: usize) {
        let day = self.days[slot];
        self.active.clear();
        self.active
            .extend((0..self.agencies.len()).filter(|&a| self.involvement[a].contains(&day)));
    }

    pub(super) fn due_follow_up(&mut self, slot: usize) -> Option<FollowUp> {
        let entry = self.follow_ups.first_entry()?;
        (entry.key().0 <= slot).then(|| entry.remove())
    }

    /// Schedules a follow-up a few events later; dropped if it would land on or after
    /// the outcome (the handoff then stays unanswered, as many do).
    pub(super) fn schedule(&mut self, slot: usize, follow_up: FollowUp) {
        let due = slot + 1 + self.rng.below(FOLLOW_UP_SPREAD);
        if due < self.days.len() {
            self.follow_up_count += 1;
            self.follow_ups
                .insert((due, self.follow_up_count), follow_up);
        }
    }

    pub(super) fn day(&self, slot: usize) -> NaiveDate {
        self.frame.period_from + Days::new(self.days[slot] as u64)
    }

    /// The slot's date as written, and whether it is marked `approx`: a day, or a minute
    /// for emergency services. Never a month or a year: the gap rules cannot decide on
    /// such dates and warn (W0106), and the case must check clean. A few days are marked
    /// uncertain instead, which the rules ignore.
    pub(super) fn written_date(&mut self, slot: usize, agency: usize) -> (String, bool) {
        let day = self.day(slot);
        let kind = self.agencies[agency].kind;
        if matches!(kind, AgencyKind::Police | AgencyKind::Emergency) && self.rng.percent(50) {
            let (hour, minute) = (self.rng.below(24), self.rng.below(60));
            return (format!("{}T{hour:02}:{minute:02}", ymd(day)), false);
        }
        (ymd(day), self.rng.percent(2))
    }

    pub(super) fn draft(&mut self, slot: usize, agency: usize, kind: EventKind) -> Draft {
        let (date, approx) = self.written_date(slot, agency);
        let mut draft = Draft::new(date, agency, kind);
        draft.approx = approx;
        draft.source = self.source(slot, agency);
        draft
    }

    /// Where a reviewer would have read the event: the agency's own record system.
    pub(super) fn source(&mut self, slot: usize, agency: usize) -> String {
        let entry = slot + 1;
        match self.agencies[agency].kind {
            AgencyKind::ChildProtection | AgencyKind::SocialWork => {
                format!("STAR, case 4411, entry {entry}")
            }
            AgencyKind::School => format!("School e-diary, entry {entry}"),
            AgencyKind::Police => format!("Police incident log #{entry}"),
            AgencyKind::PrimaryHealth | AgencyKind::Hospital | AgencyKind::MentalHealth => {
                format!("Patient record, {}", ymd(self.day(slot)))
            }
            AgencyKind::Emergency => format!("Ambulance call card {entry}"),
            AgencyKind::Helpline => format!("Helpline contact log {entry}"),
            _ => format!(
                "Case notes of {}, p. {}",
                self.agencies[agency].id,
                entry % 97 + 1
            ),
        }
    }

    /// An involved agency whose kind does this kind of event; the lead when none does.
    pub(super) fn agency_for(&mut self, kinds: &[AgencyKind]) -> usize {
        // The lead agency keeps the fullest record, as in real reviews.
        if kinds.contains(&AgencyKind::ChildProtection) && self.rng.percent(40) {
            return 0;
        }
        let eligible: Vec<usize> = self
            .active
            .iter()
            .copied()
            .filter(|&a| kinds.contains(&self.agencies[a].kind))
            .collect();
        if eligible.is_empty() {
            0
        } else {
            *self.rng.pick(&eligible)
        }
    }

    /// Any involved agency, the lead more often than the rest.
    pub(super) fn any_agency(&mut self) -> usize {
        if self.rng.percent(25) {
            0
        } else {
            *self.rng.pick(&self.active)
        }
    }

    pub(super) fn fresh(&mut self, slot: usize) -> Draft {
        use AgencyKind as A;
        let mut kind = self.rng.weighted(&[
            (EventKind::Contact, 26),
            (EventKind::Concern, 12),
            (EventKind::Referral, 8),
            (EventKind::InfoRequest, 6),
            (EventKind::InfoShare, 8),
            (EventKind::AssessmentStarted, 4),
            (EventKind::Meeting, 5),
            (EventKind::Decision, 5),
            (EventKind::ServiceStarted, 4),
            (EventKind::Incident, 8),
        ]);
        if kind.is_handoff() && self.agencies.len() < 2 {
            kind = EventKind::Concern;
        }
        match kind {
            EventKind::Contact => {
                let agency = self.any_agency();
                self.contact(slot, agency)
            }
            EventKind::Concern => {
                let agency = self.any_agency();
                self.concern(slot, agency)
            }
            EventKind::Referral | EventKind::InfoRequest | EventKind::InfoShare => {
                let agency = self.any_agency();
                let to = self.handoff_target(agency);
                self.handoff(slot, agency, kind, to)
            }
            EventKind::AssessmentStarted => {
                let agency = self.agency_for(&[A::ChildProtection, A::SocialWork, A::MentalHealth]);
                self.assessment_started(slot, agency)
            }
            EventKind::Meeting => {
                let agency = self.agency_for(&[A::ChildProtection, A::SocialWork]);
                self.meeting(slot, agency)
            }
            EventKind::Decision => {
                let agency = self.agency_for(&[A::ChildProtection, A::SocialWork]);
                self.decision(slot, agency)
            }
            EventKind::ServiceStarted => {
                let kinds = [A::ChildProtection, A::SocialWork, A::Ngo, A::MentalHealth];
                let agency = self.agency_for(&kinds);
                self.service_started(slot, agency)
            }
            _ => {
                let kinds = [A::Police, A::Emergency, A::Hospital, A::School];
                let agency = self.agency_for(&kinds);
                self.incident(slot, agency)
            }
        }
    }

    pub(super) fn follow_up(&mut self, slot: usize, follow_up: FollowUp) -> Draft {
        match follow_up {
            FollowUp::Answer { handoff } => self.answer(slot, handoff),
            FollowUp::CompleteAssessment { agency } => {
                let mut d = self.draft(slot, agency, EventKind::AssessmentCompleted);
                let conclusion = self.rng.pick(&[
                    "the child needs help; a case plan is proposed",
                    "no further need for help was found",
                    "the family needs support with parenting and housing",
                ]);
                d.summary = format!("Assessment completed: {conclusion}.");
                d
            }
            FollowUp::EndService { agency, service } => {
                let mut d = self.draft(slot, agency, EventKind::ServiceEnded);
                let reason = self.rng.pick(&[
                    "the plan's goals were met",
                    "the family stopped attending",
                    "the funding period ended",
                ]);
                d.summary = format!("{service} ended: {reason}.");
                d.service = Some(service);
                d
            }
        }
    }

    /// Handoffs mostly flow towards the lead agency; the lead asks the other involved
    /// agencies (any other agency when none is involved).
    pub(super) fn handoff_target(&mut self, from: usize) -> usize {
        if from != 0 && self.rng.percent(70) {
            return 0;
        }
        let involved: Vec<usize> = self.active.iter().copied().filter(|&a| a != from).collect();
        if !involved.is_empty() {
            return *self.rng.pick(&involved);
        }
        let other = self.rng.below(self.agencies.len() - 1);
        if other >= from { other + 1 } else { other }
    }

    pub(super) fn people(&mut self, with_child: bool) -> Vec<&'static str> {
        let mut people = Vec::new();
        if with_child {
            people.push("child");
        }
        for (id, _, _) in &PEOPLE[1..] {
            if self.rng.percent(45) {
                people.push(id);
            }
        }
        if people.is_empty() {
            people.push("mother");
        }
        people
    }

    pub(super) fn concerns(&mut self) -> Vec<&'static str> {
        let first = *self.rng.pick(CONCERNS);
        let second = *self.rng.pick(CONCERNS);
        if second != first && self.rng.percent(30) {
            vec![first, second]
        } else {
            vec![first]
        }
    }

    pub(super) fn contact(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Contact);
        let mode = self.rng.word::<ContactMode>();
        let in_person = !matches!(mode, ContactMode::Phone | ContactMode::Video);
        let with_child = self.rng.percent(65);
        d.people = self.people(with_child);
        d.child_seen = in_person && d.people.contains(&"child");
        d.child_seen_alone = d.child_seen && self.rng.percent(20);
        if d.child_seen && self.rng.percent(40) {
            d.child_views = Some(if self.rng.percent(50) {
                let words = *self.rng.pick(&[
                    "Said that home is loud at night and he is often hungry.",
                    "Said everything is fine and asked when the visit would end.",
                    "Said he does not want to go home after school.",
                ]);
                ChildViews::Text(Spanned::unplaced(words.to_owned()))
            } else {
                ChildViews::Recorded(true)
            });
        }
        d.mode = Some(mode);
        let topic = self.rng.pick(TOPICS);
        let who = describe_people(&d.people);
        d.summary = match mode {
            ContactMode::HomeVisit => format!("Home visit; met {who}. Discussed {topic}."),
            ContactMode::Phone => format!("Phone call with {who} about {topic}."),
            ContactMode::Video => format!("Video call with {who} about {topic}."),
            _ => format!(
                "Met {who} ({}) about {topic}.",
                mode.as_str().replace('_', " ")
            ),
        };
        d
    }

    pub(super) fn concern(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Concern);
        d.concerns = self.concerns();
        let topic = self.rng.pick(TOPICS);
        d.summary = format!(
            "Recorded a concern ({}) after noticing {topic}.",
            d.concerns.join(", ").replace('_', " ")
        );
        if self.rng.percent(15) {
            d.action = Some("Agreed to raise it at the next network meeting.".to_owned());
        }
        d
    }

    pub(super) fn handoff(
        &mut self,
        slot: usize,
        agency: usize,
        kind: EventKind,
        to: usize,
    ) -> Draft {
        let mut d = self.draft(slot, agency, kind);
        d.to = Some(to);
        d.channel = Some(self.rng.word::<Channel>());
        let to_name = &self.agencies[to].name;
        let topic = self.rng.pick(TOPICS);
        d.summary = match kind {
            EventKind::Referral => format!("Notified {to_name} of a child in need: {topic}."),
            EventKind::InfoRequest => format!("Asked {to_name} for information on {topic}."),
            _ => format!("Told {to_name} about {topic}."),
        };
        if kind == EventKind::Referral || self.rng.percent(30) {
            d.concerns = self.concerns();
        }
        // A helpline or charity passing on a caller's report keeps the caller confidential;
        // the summary names no one, as the format requires.
        if kind == EventKind::Referral
            && matches!(
                self.agencies[agency].kind,
                AgencyKind::Helpline | AgencyKind::Ngo
            )
            && self.rng.percent(50)
        {
            d.notifier_confidential = true;
            d.summary = format!(
                "A caller reported that the children are left alone at night; passed to {to_name}."
            );
        }
        if self.rng.percent(55) {
            // This draft becomes the next event pushed.
            let handoff = self.events.len();
            self.schedule(slot, FollowUp::Answer { handoff });
        }
        d
    }

    /// The receiving agency answers: child protection acts, the others share back.
    pub(super) fn answer(&mut self, slot: usize, handoff: usize) -> Draft {
        let (agency, sender) = {
            let h = &self.events[handoff];
            (h.to.expect("a handoff has a receiver"), h.agency)
        };
        let social_care = self.agencies[agency].kind.is_social_care();
        let mut d = if social_care && self.rng.percent(70) {
            let mut d = self.contact(slot, agency);
            d.summary = format!("Following up the notification: {}", d.summary);
            d
        } else {
            self.handoff(slot, agency, EventKind::InfoShare, sender)
        };
        d.reply_to = Some(handoff);
        d
    }

    pub(super) fn assessment_started(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::AssessmentStarted);
        d.summary = "Started an assessment of the child's need for help.".to_owned();
        if self.rng.percent(80) {
            self.schedule(slot, FollowUp::CompleteAssessment { agency });
        }
        d
    }

    pub(super) fn meeting(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Meeting);
        // The convenor invites most agencies recently in touch with the child, and now
        // and then one that is not (G009 flags the ones left out or absent).
        let today = self.days[slot];
        let recent: Vec<usize> = (0..self.agencies.len())
            .filter(|&a| a != agency)
            .filter(|&a| {
                self.last_child_contact[a].is_some_and(|day| today - day <= MEETING_LOOKBACK_DAYS)
            })
            .collect();
        let mut invited = vec![agency];
        invited.extend(recent.into_iter().filter(|_| self.rng.percent(85)));
        if self.rng.percent(20) {
            let other = *self.rng.pick(&self.active);
            if !invited.contains(&other) {
                invited.push(other);
            }
        }
        // The convenor always attends; each other agency usually does.
        let attended: Vec<usize> = invited
            .iter()
            .copied()
            .filter(|&a| a == agency || self.rng.percent(85))
            .collect();
        d.summary = format!(
            "Network meeting: {} agencies invited, {} attended.",
            invited.len(),
            attended.len()
        );
        if attended.len() < invited.len() && self.rng.percent(30) {
            d.note = Some("Minutes do not say why the others were absent.".to_owned());
        }
        d.invited = invited;
        d.attended = attended;
        d
    }

    pub(super) fn decision(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Decision);
        let decision = self.rng.weighted(&[
            (DecisionKind::OpenCase, 5),
            (DecisionKind::CloseCase, 4),
            (DecisionKind::NoFurtherAction, 3),
            (DecisionKind::PlanAgreed, 5),
            (DecisionKind::Placement, 1),
            (DecisionKind::CourtApplication, 1),
            (DecisionKind::Other, 1),
        ]);
        d.summary = match decision {
            DecisionKind::OpenCase => "Opened a child-in-need case.",
            DecisionKind::CloseCase => "Closed the case: the family was judged to be coping.",
            DecisionKind::NoFurtherAction => "No further action after the notification.",
            DecisionKind::PlanAgreed => "Agreed a case plan with the family.",
            DecisionKind::Placement => "Placed the child with a relative for two weeks.",
            DecisionKind::CourtApplication => "Applied to the court to restrict custody.",
            DecisionKind::Other => "Decided to ask the national authority for advice.",
        }
        .to_owned();
        d.decision = Some(decision);
        d
    }

    pub(super) fn service_started(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::ServiceStarted);
        let service = (*self.rng.pick(&[
            "Parenting programme",
            "Support person at school",
            "Family therapy",
            "Debt counselling",
            "Youth club place",
        ]))
        .to_owned();
        d.summary = format!("{service} started for the family.");
        if self.rng.percent(70) {
            let follow_up = FollowUp::EndService {
                agency,
                service: service.clone(),
            };
            self.schedule(slot, follow_up);
        }
        d.service = Some(service);
        d
    }

    pub(super) fn incident(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Incident);
        let severity = self.rng.weighted(&[
            (IncidentSeverity::Low, 6),
            (IncidentSeverity::Moderate, 3),
            (IncidentSeverity::Severe, 1),
        ]);
        d.severity = Some(severity);
        // A severe incident is where an agency records danger; no draw, so seeds keep their cases.
        d.child_in_danger = severity == IncidentSeverity::Severe;
        d.people = self.people(true);
        d.child_seen = self.rng.percent(80);
        if self.rng.percent(60) {
            d.concerns = self.concerns();
        }
        d.summary = match self.agencies[agency].kind {
            AgencyKind::Police => "Call-out to the home after a neighbour heard shouting.",
            AgencyKind::School => "Fight in the schoolyard; the child had a cut lip.",
            _ => "Treated for an injury; the explanation given did not fit it.",
        }
        .to_owned();
        d
    }

    /// The outcome, on the outcome's day, by a hospital when the case has one.
    pub(super) fn outcome(&mut self) -> Draft {
        let agency = (0..self.agencies.len())
            .find(|&a| self.agencies[a].kind == AgencyKind::Hospital)
            .unwrap_or(0);
        let mut d = Draft::new(ymd(self.frame.outcome), agency, EventKind::Outcome);
        d.people = vec!["child"];
        d.child_seen = true;
        d.summary = "The child was admitted to hospital with a head injury.".to_owned();
        d.source = "Hospital notification to the review panel".to_owned();
        d
    }
}
