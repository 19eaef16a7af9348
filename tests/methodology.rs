//! The methodology folder is complete: every rule documented in both languages under the
//! required headings, every vocabulary word labelled twice, every form referenced by the
//! handbook, the glossary and quality markers whole.

use casereview::methodology::Methodology;
use casereview::model::*;

const HEADINGS_EN: [&str; 6] = [
    "## What it flags",
    "## Why it matters",
    "## Source",
    "## Flagged example",
    "## Not flagged",
    "## Limits",
];
const HEADINGS_ET: [&str; 6] = [
    "## Mida see märgib",
    "## Miks see on oluline",
    "## Allikas",
    "## Märgitud näide",
    "## Märkimata näide",
    "## Piirangud",
];

#[test]
fn every_rule_is_documented_in_both_languages_under_the_required_headings() {
    let methodology = Methodology::embedded();
    for rule in casereview::analysis::rules::REGISTRY {
        for (language, headings) in [("en", HEADINGS_EN), ("et", HEADINGS_ET)] {
            let text = methodology
                .rule_documentation(rule.code, language)
                .unwrap_or_else(|| panic!("rules/{language}/{}.md is missing", rule.code));
            assert!(
                text.starts_with(&format!("# {} {}", rule.code, rule.name)),
                "{language}/{}: title",
                rule.code
            );
            let mut at = 0;
            for heading in headings {
                let found = text[at..]
                    .find(&format!("\n{heading}\n"))
                    .unwrap_or_else(|| {
                        panic!(
                            "{language}/{}: `{heading}` missing or out of order",
                            rule.code
                        )
                    });
                at += found + heading.len();
            }
            assert!(
                text.contains(&format!("{}:", rule.code)),
                "{language}/{}: the flag id anchor is explained",
                rule.code
            );
        }
    }
}

#[test]
fn every_vocabulary_word_has_both_labels() {
    let methodology = Methodology::embedded();
    let names = methodology.vocabulary_names();
    assert!(names.len() >= 17, "{names:?}");
    for name in names {
        for word in methodology.vocabulary(name).unwrap().words {
            assert!(
                !word.et.trim().is_empty() && !word.en.trim().is_empty(),
                "{name}: `{}`",
                word.id
            );
        }
    }
}

fn closed_vocabulary_matches<V: Vocabulary>(methodology: &Methodology) {
    let list = methodology
        .vocabulary(V::FILE)
        .unwrap_or_else(|e| panic!("{}: {e}", V::FILE));
    assert_eq!(
        list.ids(),
        V::WORDS,
        "methodology/vocabulary/{}.yaml",
        V::FILE
    );
}

#[test]
fn closed_vocabularies_label_exactly_the_format_s_words() {
    let m = Methodology::embedded();
    closed_vocabulary_matches::<EventKind>(&m);
    closed_vocabulary_matches::<Role>(&m);
    closed_vocabulary_matches::<AgencyKind>(&m);
    closed_vocabulary_matches::<DecisionKind>(&m);
    closed_vocabulary_matches::<OutcomeKind>(&m);
    closed_vocabulary_matches::<Channel>(&m);
    closed_vocabulary_matches::<ContactMode>(&m);
    closed_vocabulary_matches::<IncidentSeverity>(&m);
    closed_vocabulary_matches::<Language>(&m);
    closed_vocabulary_matches::<Status>(&m);
    closed_vocabulary_matches::<DateMode>(&m);
    closed_vocabulary_matches::<FindingKind>(&m);
    closed_vocabulary_matches::<ReviewStatus>(&m);
    closed_vocabulary_matches::<Priority>(&m);
    closed_vocabulary_matches::<ActionStrength>(&m);
}

#[test]
fn the_starting_concerns_and_patterns_are_there() {
    let m = Methodology::embedded();
    let concerns = m.vocabulary("concerns").unwrap();
    for word in casereview::model::STARTING_CONCERNS {
        assert!(concerns.contains(word), "{word}");
    }
    let patterns = m.vocabulary("patterns").unwrap();
    for word in casereview::model::STARTING_PATTERNS {
        assert!(patterns.contains(word), "{word}");
    }
}

#[test]
fn every_form_is_referenced_by_the_handbook_in_both_languages() {
    let m = Methodology::embedded();
    let forms: Vec<&str> = m.paths().filter(|p| p.starts_with("forms/")).collect();
    assert!(forms.len() >= 12, "{forms:?}");
    for language in ["et", "en"] {
        let handbook = m.file(&format!("method/{language}/handbook.md")).unwrap();
        for form in &forms {
            assert!(
                handbook.contains(&format!("../../{form}")),
                "method/{language}/handbook.md does not reference {form}"
            );
        }
    }
    for form in &forms {
        let twin = if form.contains("/et/") {
            form.replace("/et/", "/en/")
        } else {
            form.replace("/en/", "/et/")
        };
        assert!(m.file(&twin).is_some(), "{form} has no twin {twin}");
    }
}

#[test]
fn the_glossary_and_quality_markers_are_whole() {
    let m = Methodology::embedded();
    let glossary = m.glossary().unwrap();
    assert!(glossary.terms.len() >= 40);
    for term in &glossary.terms {
        for d in [&term.et, &term.en] {
            assert!(
                !d.term.is_empty() && !d.definition.is_empty(),
                "{}",
                term.id
            );
        }
    }
    let markers = m.quality_markers().unwrap();
    let ids: Vec<&str> = markers.markers.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "child_views_recorded",
            "child_seen_alone",
            "events_with_source",
            "agencies_with_chronology",
            "flags_reviewed",
            "dismissed_with_reason",
            "findings_with_evidence",
            "findings_with_pattern",
            "recommendations_with_owner_and_due",
            "recommendations_stronger_actions",
            "episodes_with_local_rationality",
            "working_group_multi_agency"
        ]
    );
}

#[test]
fn every_profile_names_its_sources() {
    let m = Methodology::embedded();
    for name in ["ee", "en", "fi", "se"] {
        let profile = m.profile(name).unwrap();
        for (code, rule) in &profile.rules {
            assert!(!rule.source.trim().is_empty(), "{name} {code}");
        }
    }
}
