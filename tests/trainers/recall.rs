//! `anonymise` recall: names in the forms real records hold them — inflected, plural, graded
//! (Kask → Kase), compound, upper case, decomposed, with invisible characters or no-break
//! spaces inside, split over a line, inside e-mail addresses — are gone from every file of
//! the copy, from a report made from it and from that report's metadata; a text with no
//! name in it comes out unchanged.

use std::path::Path;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::anonymise::anonymise_into;
use crate::common::*;

/// A person added to the fixture: the label, the aliases the reviewer listed (none for
/// some: the words of a name-shaped label are removed on their own), and the forms real
/// records hold (Estonian singular and plural cases, the graded stem).
struct Person {
    id: &'static str,
    role: &'static str,
    first: &'static str,
    surname: &'static str,
    aliases: &'static [&'static str],
    /// Space-separated.
    first_forms: &'static str,
    /// Space-separated.
    forms: &'static str,
    /// The names as an e-mail address spells them (no diacritics).
    ascii: (&'static str, &'static str),
}

const PEOPLE: &[Person] = &[
    Person {
        id: "mari",
        role: "mother",
        first: "Mari",
        surname: "Tamm",
        aliases: &[],
        first_forms: "Marile Mariga Marit",
        forms: "Tamme Tammele Tammelt Tammega Tammest Tammesse Tammeks Tammel Tammed Tammede Tammedele Tammedega Tammedest Tammedelt Tammesid Tammegi Tammelegi",
        ascii: ("mari", "tamm"),
    },
    Person {
        id: "jaan",
        role: "carer",
        first: "Jaan",
        surname: "Kask",
        aliases: &[],
        first_forms: "Jaani Jaanile Jaaniga",
        forms: "Kase Kasele Kaselt Kasega Kasest Kaseks Kaske Kased Kaskede Kaskedele Kaskedega Kaskesid",
        ascii: ("jaan", "kask"),
    },
    Person {
        id: "isa",
        role: "father",
        first: "Toomas",
        surname: "Kuusk",
        aliases: &[],
        first_forms: "Toomase Toomasele",
        forms: "Kuuse Kuusele Kuusega Kuuselt Kuuske Kuused Kuuskede Kuuskedelt Kuuski",
        ascii: ("toomas", "kuusk"),
    },
    Person {
        id: "vanaisa",
        role: "relative",
        first: "Peeter",
        surname: "Mägi",
        aliases: &["Peeter", "Mägi"],
        first_forms: "Peetri Peetrile",
        forms: "Mäe Mäele Mäelt Mäega Mäest Mäge Mäed Mägede Mägedele Mägesid",
        ascii: ("peeter", "magi"),
    },
    Person {
        id: "tadi",
        role: "relative",
        first: "Liis",
        surname: "Lepp",
        aliases: &[],
        first_forms: "Liisi Liisile",
        forms: "Lepa Lepale Lepaga Lepalt Leppa Lepad Leppade Leppadele Leppasid",
        ascii: ("liis", "lepp"),
    },
    Person {
        id: "naaber",
        role: "other",
        first: "Rein",
        surname: "Saar",
        aliases: &["Rein", "Saar"],
        first_forms: "Reinu Reinule",
        forms: "Saare Saarele Saarega Saart Saared Saarte Saartele Saari",
        ascii: ("rein", "saar"),
    },
    Person {
        id: "kasuisa",
        role: "step_parent",
        first: "Urmas",
        surname: "Rebane",
        aliases: &["Urmas", "Rebane"],
        first_forms: "Urmase Urmasele",
        forms: "Rebase Rebasele Rebasega Rebast Rebased Rebaste Rebastele Rebaseid",
        ascii: ("urmas", "rebane"),
    },
    Person {
        id: "onu",
        role: "relative",
        first: "Andres",
        surname: "Sepp",
        aliases: &["Andres", "Sepp"],
        first_forms: "Andrese Andresele",
        forms: "Sepa Sepale Sepaga Seppa Sepad Seppade Seppadega Seppi",
        ascii: ("andres", "sepp"),
    },
    Person {
        id: "vend",
        role: "sibling",
        first: "Anneli",
        surname: "Pärn",
        aliases: &[],
        first_forms: "Annelile Annelit",
        forms: "Pärna Pärnale Pärnaga Pärnad Pärnade Pärnadele Pärnasid",
        ascii: ("anneli", "parn"),
    },
    Person {
        id: "tuttav",
        role: "other",
        first: "Tõnis",
        surname: "Kõiv",
        aliases: &["Tõnis", "Kõiv"],
        first_forms: "Tõnise Tõnisele",
        forms: "Kõivu Kõivule Kõivuga Kõivusid Kõivud Kõivude Kõivudele",
        ascii: ("tonis", "koiv"),
    },
];

/// Compound surnames: hyphenated or spaced, their parts names, inflected at the end (and a
/// compound with a part that is no name of the case: the whole compound goes).
const COMPOUNDS: &[(&str, &[&str])] = &[
    ("Tamme-Kask", &["tamme", "kask"]),
    ("Tamme-Kase", &["tamme", "kase"]),
    ("Tamme-Kasele", &["tamme", "kasele"]),
    ("Kask-Tamm", &["kask", "tamm"]),
    ("Kase-Tammele", &["kase", "tammele"]),
    ("Saar-Lepp", &["saar", "lepp"]),
    ("Saar-Lepale", &["saar", "lepale"]),
    ("Mägi-Rebane", &["mägi", "rebane"]),
    ("Mäe-Rebasega", &["mäe", "rebasega"]),
    ("Pärna-Sepp", &["pärna", "sepp"]),
    ("Kõiv-Kuusk", &["kõiv", "kuusk"]),
    ("Kõivu-Kuusele", &["kõivu", "kuusele"]),
    ("Tamm-Lepik", &["tamm", "lepik"]),
    ("Lepik-Tammele", &["lepik", "tammele"]),
    ("Mari Tamm-Kask", &["mari", "tamm", "kask"]),
    ("Mari Tamme Kask", &["mari", "tamme", "kask"]),
];

const INVISIBLE: &[char] = &[
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// A text to put into the case and the name tokens that must be gone from the copy.
struct Variant {
    text: String,
    tokens: Vec<String>,
    how: &'static str,
}

fn variant(text: String, tokens: &[&str], how: &'static str) -> Variant {
    Variant {
        text,
        tokens: tokens.iter().map(|t| fold(t)).collect(),
        how,
    }
}

/// `s` with an invisible character after its second letter.
fn split_by(s: &str, c: char) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(2).collect();
    format!("{head}{c}{}", chars.as_str())
}

fn variants() -> Vec<Variant> {
    let mut all = Vec::new();
    for p in PEOPLE {
        let (first, surname) = (p.first, p.surname);
        let forms: Vec<&str> = p.forms.split(' ').collect();
        for &form in &forms {
            all.push(variant(
                format!("{form} sõnul"),
                &[form],
                "ending/plural/grade",
            ));
        }
        for form in p.first_forms.split(' ') {
            all.push(variant(
                format!("helistas {form}"),
                &[form],
                "first name ending",
            ));
        }
        all.push(variant(
            format!("{first} {surname}"),
            &[first, surname],
            "name",
        ));
        let upper = format!("{} {}", first.to_uppercase(), surname.to_uppercase());
        all.push(variant(upper, &[first, surname], "upper case"));
        let form = forms[0];
        all.push(variant(form.to_uppercase(), &[form], "upper case"));
        all.push(variant(
            forms[forms.len() - 1].to_uppercase(),
            &[forms[forms.len() - 1]],
            "upper case",
        ));
        for space in ["\n", "\r\n", "\n    ", "\u{A0}", "\u{202F}"] {
            let how = if space.contains('\n') {
                "line break"
            } else {
                "no-break space"
            };
            all.push(variant(
                format!("{first}{space}{surname}"),
                &[first, surname],
                how,
            ));
        }
        for &c in INVISIBLE {
            all.push(variant(
                split_by(surname, c),
                &[surname],
                "invisible character",
            ));
        }
        all.push(variant(split_by(form, '\u{AD}'), &[form], "soft hyphen"));
        let full = format!("{first} {form}");
        let nfd: String = full.nfd().collect();
        if nfd != full {
            all.push(variant(nfd, &[first, form], "decomposed"));
            let nfd: String = surname.nfd().collect();
            all.push(variant(nfd, &[surname], "decomposed"));
            let nfd: String = form.to_uppercase().nfd().collect();
            all.push(variant(nfd, &[form], "decomposed"));
        }
        let (f, s) = p.ascii;
        let initial = &f[..1];
        for (local, domain) in [
            (format!("{f}.{s}"), "example.ee"),
            (format!("{s}.{f}"), "kool.edu.ee"),
            (format!("{initial}{s}"), "mail.ee"),
            (format!("{f}_{s}"), "gmail.com"),
            (
                format!("{}.{}", f.to_uppercase(), s.to_uppercase()),
                "TARTU.EE",
            ),
        ] {
            let tokens = [local.as_str()];
            all.push(variant(format!("{local}@{domain}"), &tokens, "e-mail"));
        }
    }
    for (compound, parts) in COMPOUNDS {
        all.push(variant(format!("{compound} teatas"), parts, "compound"));
    }
    all
}

/// What a reader (or a search) makes of a text: NFC, no invisible characters, no-break
/// spaces as spaces, lower case.
fn fold(text: &str) -> String {
    text.nfc()
        .filter(|c| !INVISIBLE.contains(c))
        .map(|c| {
            if c == '\u{A0}' || c == '\u{202F}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// Stems no word of the copy may start with: every surname and first name, and the graded
/// stems.
const STEMS: &[&str] = &[
    "tamm", "kask", "kase", "kuusk", "kuuse", "mägi", "mäe", "lepp", "lepa", "saar", "rebane",
    "rebas", "sepp", "sepa", "pärn", "kõiv", "mari", "toomas", "peeter", "peetr", "liis", "rein",
    "urmas", "andres", "anneli", "tõnis",
];

/// Every name token, and every stem at a word's start, found in `text` (folded).
fn names_in(text: &str, variants: &[Variant], what: &str) -> Vec<String> {
    let text = fold(text);
    let mut found = Vec::new();
    let boundary = r"[^\p{L}\p{N}]";
    let mut tokens: Vec<&String> = variants.iter().flat_map(|v| &v.tokens).collect();
    tokens.sort();
    tokens.dedup();
    for token in tokens {
        let pattern = format!("(?:^|{boundary}){}(?:$|{boundary})", regex::escape(token));
        if Regex::new(&pattern).unwrap().is_match(&text) {
            found.push(format!("{what}: `{token}`"));
        }
    }
    for stem in STEMS {
        let pattern = format!("(?:^|{boundary}){}", regex::escape(stem));
        if let Some(m) = Regex::new(&pattern).unwrap().find(&text) {
            let around: String = text[m.start()..].chars().take(30).collect();
            found.push(format!("{what}: stem `{stem}` in `{around}`"));
        }
    }
    found
}

/// A YAML double-quoted string: invisible and no-break characters as escapes (a BOM may
/// not stand raw inside a YAML file), the rest as written.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if INVISIBLE.contains(&c) || c == '\u{A0}' || c == '\u{202F}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A text with no name in it, with what a copy must keep as typed: decomposed letters, a
/// soft hyphen, no-break spaces, a zero-width space, words close to the names (kasutati,
/// sarnane).
const NO_NAME: &str = "Vestlusel osales klassi\u{AD}juhataja;\u{A0}lapse so\u{303}nul kasutati ma\u{308}ngu ja sarnane\u{200B}kord ku\u{308}lastati 3\u{202F}korda.";
/// A text with a name in it, and the copy's text: only the names change. (Tamm is the
/// surname of the mother and the child, listed by neither: a shared surname stands for no
/// one in particular.)
const NAMED: (&str, &str) = (
    "Ta\u{AD}mme so\u{303}nul on klassi\u{AD}juhataja\u{A0}teadlik; KASE\u{200B}LE helistati.",
    "[eemaldatud] so\u{303}nul on klassi\u{AD}juhataja\u{A0}teadlik; Last kasvatav isik helistati.",
);

/// The fixture with the people above, every variant in a free-text field (events of the
/// case file and of the chronology, titles, findings, recommendations, classification,
/// working group, chronology `submitted.by`, flag review notes).
fn recall_case(dir: &Path, variants: &[Variant]) {
    copy_dir(&repo().join("tests/fixtures/identifiable"), dir);
    // Only the full names: every other form must come from the rules.
    edit(
        dir,
        "case.yaml",
        "label: \"Mari Tamm\", aliases: [\"Mari\", \"Tamm\"] }",
        "label: \"Mari Tamm\" }",
    );
    let people: String = PEOPLE
        .iter()
        .filter(|p| p.id != "mari" && p.id != "jaan")
        .map(|p| {
            let aliases: Vec<String> = p.aliases.iter().map(|a| quoted(a)).collect();
            format!(
                "  - {{ id: {}, role: {}, label: {}, aliases: [{}] }}\n",
                p.id,
                p.role,
                quoted(&format!("{} {}", p.first, p.surname)),
                aliases.join(", ")
            )
        })
        .collect();
    edit(
        dir,
        "case.yaml",
        "  - { id: jaan, role: carer, label: \"Jaan Kask\", aliases: [\"Jaan\", \"Kask\", \"Kase\"] }\n",
        &format!("  - {{ id: jaan, role: carer, label: \"Jaan Kask\" }}\n{people}"),
    );

    let mut texts = variants.iter().map(|v| v.text.as_str()).cycle();
    let mut next = || texts.next().unwrap();
    let mut fields: Vec<(&str, &str, String)> = Vec::new();
    for (file, find) in [
        ("case.yaml", "Tagantjärele analüüs: Kadri Tamm"),
        ("case.yaml", "AvTS § 35 lg 1 p 12"),
        ("case.yaml", "Tartu linna lastekaitse\"\n  dates"),
        ("case.yaml", "Eesistuja Pille Kuusk"),
        ("case.yaml", "Klassijuhataja\", organisation"),
        ("case.yaml", "Kadrit ravitakse seal."),
        ("case.yaml", "Kooli teade Kadri kohta jääb vastuseta"),
        ("case.yaml", "alles külastusel."),
        ("case.yaml", "pidas teadet tavaliseks."),
        ("case.yaml", "Teated ei jõua Elva valla lastekaitseni"),
        ("case.yaml", "ei saanud teadet."),
        ("case.yaml", "muutusest kohe."),
        ("case.yaml", "2025. aasta alguses."),
        ("case.yaml", "kolimist 01.09.2023."),
        ("case.yaml", "telefonitsi Mari Tammele."),
        ("chronology/tartu-kool.yaml", "Direktor Pille Kuusk"),
    ] {
        // Inside a YAML double-quoted string: escape what the variant holds.
        let (head, tail) = find.split_at(find.find('"').unwrap_or(find.len()));
        let escaped = quoted(next());
        let replaced = format!("{head}; {}{tail}", &escaped[1..escaped.len() - 1]);
        fields.push((file, find, replaced));
    }
    for (file, find, replaced) in &fields {
        edit(dir, file, find, replaced);
    }

    let people_ids: Vec<&str> = PEOPLE.iter().map(|p| p.id).collect();
    let event = |id: String, day: u32, with_agency: bool, next: &mut dyn FnMut() -> String| {
        let agency = if with_agency {
            "    agency: kov-tartu\n"
        } else {
            ""
        };
        let service = day.is_multiple_of(4);
        let mut text = format!(
            "  - id: {id}\n    date: 2023-{:02}-{:02}\n{agency}",
            4 + day / 28,
            1 + day % 28
        );
        if service {
            text.push_str("    kind: service_started\n");
            text.push_str(&format!("    service: {}\n", quoted(&next())));
        } else {
            text.push_str("    kind: contact\n");
            text.push_str(&format!(
                "    people: [{}]\n",
                people_ids[day as usize % people_ids.len()]
            ));
            text.push_str(&format!("    child_views: {}\n", quoted(&next())));
        }
        for field in ["summary", "source", "note", "action"] {
            text.push_str(&format!("    {field}: {}\n", quoted(&next())));
        }
        text
    };
    let mut next_text = || next().to_owned();
    let events_needed = variants.len().div_ceil(5) + 4;
    let mut case_events = String::new();
    let mut chronology_events = String::new();
    for n in 0..events_needed as u32 {
        if n.is_multiple_of(3) {
            chronology_events.push_str(&event(format!("k{n:03}"), n, false, &mut next_text));
        } else {
            case_events.push_str(&event(format!("r{n:03}"), n, true, &mut next_text));
        }
    }
    case_events.push_str(&format!(
        "  - id: plain\n    date: 2023-08-01\n    agency: kov-tartu\n    kind: contact\n    people: [kadri]\n    summary: {}\n    source: {}\n",
        quoted(NO_NAME),
        quoted(NAMED.0)
    ));
    edit(
        dir,
        "case.yaml",
        "events:\n  - id: e003\n",
        &format!("events:\n{case_events}  - id: e003\n"),
    );
    edit(
        dir,
        "chronology/tartu-kool.yaml",
        "events:\n",
        &format!("events:\n{chronology_events}"),
    );
}

fn all_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(all_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn strings(value: &serde_yaml::Value) -> Vec<String> {
    match value {
        serde_yaml::Value::String(s) => vec![s.clone()],
        serde_yaml::Value::Sequence(items) => items.iter().flat_map(strings).collect(),
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .flat_map(|(k, v)| strings(k).into_iter().chain(strings(v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The PDF's uncompressed text: runs of printable characters (the XMP packet, the info
/// dictionary), and its hex strings read as UTF-16 (`<FEFF…>`, how titles are written).
fn pdf_metadata(bytes: &[u8]) -> String {
    let raw = String::from_utf8_lossy(bytes);
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in raw.chars() {
        if c != '\u{FFFD}' && !c.is_control() || c == '\n' {
            run.push(c);
        } else {
            if run.chars().count() >= 8 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out.push(run);
    let hex = Regex::new(r"<(FEFF(?:[0-9A-Fa-f]{4})+)>").unwrap();
    for caps in hex.captures_iter(&raw) {
        let units: Vec<u16> = caps[1]
            .as_bytes()
            .chunks(4)
            .skip(1)
            .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
            .collect();
        out.push(String::from_utf16_lossy(&units));
    }
    out.join("\n")
}

#[test]
fn no_name_in_any_form_survives_in_the_copy_its_report_or_metadata() {
    let variants = variants();
    assert!(variants.len() >= 200, "{} variants", variants.len());
    let mut kinds: Vec<&str> = variants.iter().map(|v| v.how).collect();
    kinds.sort();
    kinds.dedup();
    eprintln!("{} variants: {kinds:?}", variants.len());

    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    recall_case(&case, &variants);
    let checked = run(&["check", case.to_str().unwrap()]);
    assert_eq!(
        checked.code, 0,
        "the recall case checks: {}",
        checked.stderr
    );
    // Every variant is in the case: a test that finds none in the copy means something.
    let original: Vec<String> = ["case.yaml", "chronology/tartu-kool.yaml"]
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(case.join(file)).unwrap();
            strings(&serde_yaml::from_str(&text).unwrap())
        })
        .collect();
    for v in &variants {
        assert!(
            original.iter().any(|s| s.contains(&v.text)),
            "variant {:?} is in the case",
            v.text
        );
    }

    let copy = dir.path().join("copy");
    let anonymised = anonymise_into(&case, &copy, &dir.path().join("map.yaml"));
    assert_eq!(anonymised.code, 0, "{}", anonymised.stderr);
    let mut found = Vec::new();
    let mut copy_strings = Vec::new();
    for file in all_files(&copy) {
        let name = file.strip_prefix(&copy).unwrap().display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        found.extend(names_in(&text, &variants, &name));
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let read = strings(&value);
        found.extend(names_in(
            &read.join("\n"),
            &variants,
            &format!("{name} (read back)"),
        ));
        copy_strings.extend(read);
    }

    let pdf = dir.path().join("report.pdf");
    let report = run(&[
        "report",
        copy.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    found.extend(names_in(&pdf_text_of(&bytes), &variants, "report text"));
    found.extend(names_in(
        &pdf_metadata(&bytes),
        &variants,
        "report metadata",
    ));
    assert!(
        found.is_empty(),
        "{} names left: {found:#?}\n{}",
        found.len(),
        anonymised.stderr
    );

    assert!(
        copy_strings.iter().any(|s| s == NO_NAME),
        "a text with no name comes out as typed"
    );
    assert!(
        copy_strings.iter().any(|s| s == NAMED.1),
        "only the names change: {:?}",
        copy_strings.iter().find(|s| s.contains("teadlik"))
    );
}
