//! Synthetic case folders of any size, for benchmarks and tests: valid, clean (no
//! diagnostic at all) and the same bytes for the same seed.
//!
//! The shape imitates a real review: one lead child-protection agency involved throughout,
//! a mix of schools, police, health services and foreign authorities each involved for a
//! stretch, handoffs of which about half are answered, assessments and services that start
//! and later end, meetings of the agencies recently in touch with the child, decisions,
//! incidents, and one outcome at the end. Every person, agency and event is invented.
//! The gap rules do flag such a case (mostly G009 and G004): flags are not diagnostics.
//!
//! There are no `move` events: the case has a single `residence` period, and a move
//! without a matching residence change is a warning.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{
    ActionStrength, AgencyKind, Channel, ContactMode, DecisionKind, EventKind, IncidentSeverity,
    Priority, Vocabulary,
};

/// How large a case to generate, and from which seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticSpec {
    /// Events in all, the outcome included (at least 1).
    pub events: usize,
    /// Agencies in all, the lead included (at least 1).
    pub agencies: usize,
    /// Chronology files besides `case.yaml` (at most). Agencies are spread over them so
    /// that the files are of similar size; a file that would hold no event is not written.
    pub chronology_files: usize,
    pub seed: u64,
}

/// Writes the case into `dir` (created if needed; best empty: a stray YAML file in
/// `dir/chronology/` would be an unlisted chronology).
///
/// Fails with `InvalidInput` if a file would exceed the format's 16 MiB limit (one agency
/// with too many events); nothing is written then.
pub fn write_case(spec: &SyntheticSpec, dir: &Path) -> std::io::Result<()> {
    let files = case_text(spec);
    let limit = crate::files::MAX_FILE_BYTES as usize;
    if let Some((path, text)) = files.iter().find(|(_, text)| text.len() > limit) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{path} would be {} bytes, over the 16 MiB limit: use more chronology files",
                text.len()
            ),
        ));
    }
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(full, text)?;
    }
    Ok(())
}

/// The files of the case: (path relative to the case folder, text). `case.yaml` first.
pub fn case_text(spec: &SyntheticSpec) -> Vec<(String, String)> {
    let mut rng = SplitMix64::new(spec.seed);
    let frame = Frame::new(spec.seed, &mut rng);
    let agencies = agencies(spec.agencies.max(1), &mut rng);
    let events = Timeline::new(&frame, &agencies, &mut rng).generate(spec.events.max(1));
    let analysis = ReviewerAnalysis::new(&events, &agencies, &mut rng);
    let counts = events_per_agency(&events, agencies.len());
    let buckets = spread_agencies(&counts, spec.chronology_files);

    let mut files = Vec::with_capacity(buckets.len());
    // A chronology file needs events; a bucket of idle agencies writes no file.
    let chronologies: Vec<Chronology> = buckets[1..]
        .iter()
        .filter(|bucket| bucket.iter().any(|&a| counts[a] > 0))
        .filter_map(|bucket| Chronology::new(bucket, &agencies))
        .collect();
    files.push((
        "case.yaml".to_owned(),
        render_case_file(
            &frame,
            &agencies,
            &chronologies,
            &events,
            &buckets[0],
            &analysis,
        ),
    ));
    for chronology in &chronologies {
        files.push((
            chronology.path.clone(),
            render_chronology(chronology, &frame, &agencies, &events),
        ));
    }
    files
}

/// A small, fast, well-mixed generator (SplitMix64): enough for test data, no dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiplication rather than `%` to avoid modulo bias.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Any word of a closed vocabulary of the format.
    fn word<V: Vocabulary>(&mut self) -> V {
        let word = *self.pick(V::WORDS);
        V::parse(word).expect("the vocabulary's own word")
    }

    /// An item chosen with the given weights (not all zero).
    fn weighted<T: Copy>(&mut self, items: &[(T, usize)]) -> T {
        let total: usize = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        unreachable!("the roll is below the total weight")
    }
}

use crate::model::{STARTING_CONCERNS as CONCERNS, STARTING_PATTERNS as PATTERNS};

/// People of the case: (id, role, label).
const PEOPLE: &[(&str, &str, &str)] = &[
    ("child", "child", "Child S"),
    ("mother", "mother", "Mother"),
    ("father", "father", "Father"),
    ("sibling", "sibling", "Sibling"),
];

const TOPICS: &[&str] = &[
    "the child's attendance",
    "bruises noticed on the arm",
    "the family's debts and housing",
    "arguments at home reported by neighbours",
    "the child's weight and missed check-ups",
    "the mother's health",
    "the father's drinking",
    "the child's behaviour in class",
    "nights the child spent away from home",
    "messages from an unknown adult online",
];

/// When the case happens: the review period ends on the outcome's day.
struct Frame {
    seed: u64,
    outcome: NaiveDate,
    period_from: NaiveDate,
    child_born: NaiveDate,
}

impl Frame {
    fn new(seed: u64, rng: &mut SplitMix64) -> Self {
        let earliest = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a real day");
        let outcome = earliest + Days::new(rng.below(6 * 365) as u64);
        let years = rng.between(3, 8);
        // Review periods usually start on the first of a month.
        let back = outcome - Days::new(years as u64 * 365);
        let period_from = back.with_day(1).expect("every month has a first day");
        let age_years = years + rng.between(1, 8);
        let child_born = outcome - Days::new(age_years as u64 * 365 + rng.below(365) as u64);
        Frame {
            seed,
            outcome,
            period_from,
            child_born,
        }
    }

    fn review_days(&self) -> usize {
        (self.outcome - self.period_from).num_days() as usize
    }
}

struct AgencyDraft {
    id: String,
    name: String,
    kind: AgencyKind,
    country: &'static str,
    lead: bool,
}

/// The kinds of the agencies after the lead, in turn: mostly domestic, now and then a
/// foreign child-protection service (the cross-border cases reviews often turn on).
const AGENCY_ROTATION: &[(AgencyKind, &str, &str)] = &[
    (AgencyKind::School, "school", "School"),
    (AgencyKind::Police, "police", "Police district"),
    (AgencyKind::PrimaryHealth, "gp", "Family health centre"),
    (AgencyKind::Hospital, "hospital", "Regional hospital"),
    (AgencyKind::Emergency, "ems", "Emergency department"),
    (AgencyKind::Ngo, "ngo", "Family support charity"),
    (AgencyKind::Helpline, "helpline", "Child helpline"),
    (AgencyKind::SocialWork, "social", "Social work department"),
    (
        AgencyKind::MentalHealth,
        "cmh",
        "Child mental health service",
    ),
    (
        AgencyKind::ChildProtection,
        "cp",
        "Child protection service",
    ),
];

const FOREIGN_COUNTRIES: &[&str] = &["FI", "LV", "SE"];

fn agencies(count: usize, rng: &mut SplitMix64) -> Vec<AgencyDraft> {
    let mut agencies = vec![AgencyDraft {
        id: "cp-lead".to_owned(),
        name: "Municipality A child protection".to_owned(),
        kind: AgencyKind::ChildProtection,
        country: "EE",
        lead: true,
    }];
    for number in 1..count {
        let (kind, prefix, name) = AGENCY_ROTATION[(number - 1) % AGENCY_ROTATION.len()];
        // The rotation's child-protection slot is a foreign authority: a second domestic
        // one would compete with the lead.
        let country = if kind == AgencyKind::ChildProtection {
            *rng.pick(FOREIGN_COUNTRIES)
        } else {
            "EE"
        };
        let id = if country == "EE" {
            format!("{prefix}-{number:02}")
        } else {
            format!("{}-{prefix}-{number:02}", country.to_lowercase())
        };
        agencies.push(AgencyDraft {
            id,
            name: format!("{name} {number}"),
            kind,
            country,
            lead: false,
        });
    }
    agencies
}

/// One event before it is written out. Agencies and events are indices.
struct Draft {
    date: String,
    approx: bool,
    agency: usize,
    kind: EventKind,
    to: Option<usize>,
    reply_to: Option<usize>,
    people: Vec<&'static str>,
    child_seen: bool,
    child_seen_alone: bool,
    child_views: Option<String>,
    concerns: Vec<&'static str>,
    channel: Option<Channel>,
    mode: Option<ContactMode>,
    summary: String,
    source: String,
    note: Option<String>,
    action: Option<String>,
    notifier_confidential: bool,
    invited: Vec<usize>,
    attended: Vec<usize>,
    decision: Option<DecisionKind>,
    service: Option<String>,
    severity: Option<IncidentSeverity>,
}

impl Draft {
    fn new(date: String, agency: usize, kind: EventKind) -> Self {
        Draft {
            date,
            approx: false,
            agency,
            kind,
            to: None,
            reply_to: None,
            people: Vec::new(),
            child_seen: false,
            child_seen_alone: false,
            child_views: None,
            concerns: Vec::new(),
            channel: None,
            mode: None,
            summary: String::new(),
            source: String::new(),
            note: None,
            action: None,
            notifier_confidential: false,
            invited: Vec::new(),
            attended: Vec::new(),
            decision: None,
            service: None,
            severity: None,
        }
    }
}

/// Something an earlier event makes happen later, at the same or another agency.
enum FollowUp {
    /// The receiving agency answers a handoff (an explicit `reply_to`).
    Answer {
        handoff: usize,
    },
    CompleteAssessment {
        agency: usize,
    },
    EndService {
        agency: usize,
        service: String,
    },
}

/// Most follow-ups come within this many events of their cause.
const FOLLOW_UP_SPREAD: usize = 40;

/// How far back a meeting's convenor looks for the agencies to invite: G009's threshold,
/// so that the agencies the rule expects are the ones usually invited.
const MEETING_LOOKBACK_DAYS: usize = 90;

/// Builds the events one slot at a time, in timeline order.
struct Timeline<'a> {
    frame: &'a Frame,
    agencies: &'a [AgencyDraft],
    rng: &'a mut SplitMix64,
    events: Vec<Draft>,
    /// Keyed by (due slot, sequence number): the sequence keeps equal slots in order.
    follow_ups: BTreeMap<(usize, usize), FollowUp>,
    follow_up_count: usize,
    /// Days from the period's start, one per slot but the outcome's, sorted.
    days: Vec<usize>,
    /// Per agency, the days (from the period's start) it is involved with the family:
    /// the lead throughout, the others for a stretch, as in real cases.
    involvement: Vec<std::ops::RangeInclusive<usize>>,
    /// The agencies involved on the current slot's day (the lead always among them).
    active: Vec<usize>,
    /// Per agency, the day of its latest event with the child.
    last_child_contact: Vec<Option<usize>>,
}

impl<'a> Timeline<'a> {
    fn new(frame: &'a Frame, agencies: &'a [AgencyDraft], rng: &'a mut SplitMix64) -> Self {
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

    fn generate(mut self, count: usize) -> Vec<Draft> {
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
    fn involvement_spans(&mut self, span: usize) -> Vec<std::ops::RangeInclusive<usize>> {
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

    fn refresh_active(&mut self, slot: usize) {
        let day = self.days[slot];
        self.active.clear();
        self.active
            .extend((0..self.agencies.len()).filter(|&a| self.involvement[a].contains(&day)));
    }

    fn due_follow_up(&mut self, slot: usize) -> Option<FollowUp> {
        let entry = self.follow_ups.first_entry()?;
        (entry.key().0 <= slot).then(|| entry.remove())
    }

    /// Schedules a follow-up a few events later; dropped if it would land on or after
    /// the outcome (the handoff then stays unanswered, as many do).
    fn schedule(&mut self, slot: usize, follow_up: FollowUp) {
        let due = slot + 1 + self.rng.below(FOLLOW_UP_SPREAD);
        if due < self.days.len() {
            self.follow_up_count += 1;
            self.follow_ups
                .insert((due, self.follow_up_count), follow_up);
        }
    }

    fn day(&self, slot: usize) -> NaiveDate {
        self.frame.period_from + Days::new(self.days[slot] as u64)
    }

    /// The slot's date as written, and whether it is marked `approx`: a day, or a minute
    /// for emergency services. Never a month or a year: the gap rules cannot decide on
    /// such dates and warn (W0106), and the case must check clean. A few days are marked
    /// uncertain instead, which the rules ignore.
    fn written_date(&mut self, slot: usize, agency: usize) -> (String, bool) {
        let day = self.day(slot);
        let kind = self.agencies[agency].kind;
        if matches!(kind, AgencyKind::Police | AgencyKind::Emergency) && self.rng.percent(50) {
            let (hour, minute) = (self.rng.below(24), self.rng.below(60));
            return (format!("{}T{hour:02}:{minute:02}", ymd(day)), false);
        }
        (ymd(day), self.rng.percent(2))
    }

    fn draft(&mut self, slot: usize, agency: usize, kind: EventKind) -> Draft {
        let (date, approx) = self.written_date(slot, agency);
        let mut draft = Draft::new(date, agency, kind);
        draft.approx = approx;
        draft.source = self.source(slot, agency);
        draft
    }

    /// Where a reviewer would have read the event: the agency's own record system.
    fn source(&mut self, slot: usize, agency: usize) -> String {
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
    fn agency_for(&mut self, kinds: &[AgencyKind]) -> usize {
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
    fn any_agency(&mut self) -> usize {
        if self.rng.percent(25) {
            0
        } else {
            *self.rng.pick(&self.active)
        }
    }

    fn fresh(&mut self, slot: usize) -> Draft {
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

    fn follow_up(&mut self, slot: usize, follow_up: FollowUp) -> Draft {
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
    fn handoff_target(&mut self, from: usize) -> usize {
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

    fn people(&mut self, with_child: bool) -> Vec<&'static str> {
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

    fn concerns(&mut self) -> Vec<&'static str> {
        let first = *self.rng.pick(CONCERNS);
        let second = *self.rng.pick(CONCERNS);
        if second != first && self.rng.percent(30) {
            vec![first, second]
        } else {
            vec![first]
        }
    }

    fn contact(&mut self, slot: usize, agency: usize) -> Draft {
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
                quoted(words)
            } else {
                "true".to_owned()
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

    fn concern(&mut self, slot: usize, agency: usize) -> Draft {
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

    fn handoff(&mut self, slot: usize, agency: usize, kind: EventKind, to: usize) -> Draft {
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
    fn answer(&mut self, slot: usize, handoff: usize) -> Draft {
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

    fn assessment_started(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::AssessmentStarted);
        d.summary = "Started an assessment of the child's need for help.".to_owned();
        if self.rng.percent(80) {
            self.schedule(slot, FollowUp::CompleteAssessment { agency });
        }
        d
    }

    fn meeting(&mut self, slot: usize, agency: usize) -> Draft {
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

    fn decision(&mut self, slot: usize, agency: usize) -> Draft {
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

    fn service_started(&mut self, slot: usize, agency: usize) -> Draft {
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

    fn incident(&mut self, slot: usize, agency: usize) -> Draft {
        let mut d = self.draft(slot, agency, EventKind::Incident);
        let severity = self.rng.weighted(&[
            (IncidentSeverity::Low, 6),
            (IncidentSeverity::Moderate, 3),
            (IncidentSeverity::Severe, 1),
        ]);
        d.severity = Some(severity);
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
    fn outcome(&mut self) -> Draft {
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

fn ymd(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

fn describe_people(ids: &[&str]) -> String {
    let labels: Vec<&str> = ids
        .iter()
        .filter_map(|id| PEOPLE.iter().find(|(p, _, _)| p == id))
        .map(|(_, _, label)| *label)
        .collect();
    labels.join(" and ")
}

/// A YAML double-quoted scalar: any text, written so that it reads back unchanged.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Episodes, findings and recommendations: the reviewers' part, a few of each.
struct ReviewerAnalysis {
    episodes: Vec<EpisodeDraft>,
    /// (pattern, is a weakness) per finding; finding k is about episode k.
    findings: Vec<(&'static str, bool)>,
    /// (finding index, agency that owns the action).
    recommendations: Vec<(usize, usize)>,
}

struct EpisodeDraft {
    events: Vec<usize>,
}

impl ReviewerAnalysis {
    fn new(events: &[Draft], agencies: &[AgencyDraft], rng: &mut SplitMix64) -> Self {
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

fn event_id(index: usize) -> String {
    format!("e{:06}", index + 1)
}

fn events_per_agency(events: &[Draft], agencies: usize) -> Vec<usize> {
    let mut counts = vec![0usize; agencies];
    for event in events {
        counts[event.agency] += 1;
    }
    counts
}

/// Assigns agencies to `case.yaml` (bucket 0) and the chronology files, largest first,
/// each to the bucket with the fewest events so far: files of similar size.
fn spread_agencies(counts: &[usize], chronology_files: usize) -> Vec<Vec<usize>> {
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
struct Chronology {
    path: String,
    agencies: Vec<usize>,
}

impl Chronology {
    fn new(bucket: &[usize], agencies: &[AgencyDraft]) -> Option<Self> {
        let first = *bucket.first()?;
        Some(Chronology {
            path: format!("chronology/{}.yaml", agencies[first].id),
            agencies: bucket.to_vec(),
        })
    }

    fn default_agency(&self) -> usize {
        self.agencies[0]
    }
}

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        $out.write_fmt(format_args!($($arg)*)).expect("a String accepts any text")
    };
}

fn render_case_file(
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

fn render_meta(out: &mut String, frame: &Frame) {
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

fn render_people(out: &mut String, frame: &Frame) {
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

fn render_agencies(out: &mut String, agencies: &[AgencyDraft]) {
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

fn render_chronology(
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
fn render_events(
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

fn render_event(
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

fn render_analysis(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Methodology;
    use crate::pipeline;

    fn small() -> SyntheticSpec {
        SyntheticSpec {
            events: 200,
            agencies: 12,
            chronology_files: 3,
            seed: 7,
        }
    }

    #[test]
    fn a_generated_case_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        write_case(&small(), dir.path()).unwrap();
        let checked = pipeline::check(dir.path(), &Methodology::embedded()).unwrap();
        let listing: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {:?}", d.code.as_str(), d.message, d.span))
            .collect();
        assert!(listing.is_empty(), "diagnostics:\n{}", listing.join("\n"));
        let case = checked.case.expect("the case loads");
        assert_eq!(case.events.len(), 200);
        assert_eq!(case.agencies.len(), 12);
        assert_eq!(case.chronologies.len(), 3);
    }

    #[test]
    fn many_seeds_and_shapes_check_clean() {
        let shapes = [(1, 1, 0), (2, 2, 5), (50, 3, 1), (1500, 25, 6)];
        for (seed, (events, agencies, chronology_files)) in shapes.into_iter().enumerate() {
            let spec = SyntheticSpec {
                events,
                agencies,
                chronology_files,
                seed: seed as u64 * 1000 + 3,
            };
            let dir = tempfile::tempdir().unwrap();
            write_case(&spec, dir.path()).unwrap();
            let checked = pipeline::check(dir.path(), &Methodology::embedded()).unwrap();
            let codes: Vec<_> = checked.diagnostics.iter().map(|d| &d.message).collect();
            assert!(codes.is_empty(), "{spec:?}: {codes:?}");
            assert_eq!(checked.case.unwrap().events.len(), events, "{spec:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(case_text(&small()), case_text(&small()));
        let other = SyntheticSpec { seed: 8, ..small() };
        assert_ne!(case_text(&small()), case_text(&other));
    }

    #[test]
    fn about_half_of_the_handoffs_are_answered_and_every_kind_but_move_occurs() {
        let dir = tempfile::tempdir().unwrap();
        let spec = SyntheticSpec {
            events: 5000,
            ..small()
        };
        write_case(&spec, dir.path()).unwrap();
        let case = crate::load::load(dir.path()).unwrap().case.unwrap();
        let handoffs = case.events.iter().filter(|e| e.kind.is_handoff()).count();
        let answers = case.events.iter().filter(|e| e.reply_to.is_some()).count();
        let share = answers as f64 / handoffs as f64;
        assert!((0.35..0.65).contains(&share), "{answers} of {handoffs}");
        for kind in EventKind::WORDS.iter().filter(|k| **k != "move") {
            assert!(
                case.events.iter().any(|e| e.kind.as_str() == *kind),
                "no `{kind}` event"
            );
        }
    }
}
