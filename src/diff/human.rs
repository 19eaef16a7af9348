//! The diff for people: plain text for a terminal, or Markdown for the meeting's notes.
//! Changed fields show their old and new values (the group's own data, shown to the
//! group); the views already hide a confidential notifier.

use super::*;
use crate::export::chronology::markdown_cell;
use crate::model::Vocabulary;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Human,
    Markdown,
}

impl Style {
    /// User text as this style shows it: as typed, or inert Markdown on one line.
    fn text(self, text: &str) -> String {
        match self {
            Style::Human => text.replace(['\n', '\r'], " "),
            Style::Markdown => markdown_cell(text),
        }
    }

    /// An id or a field name.
    fn code(self, id: &str) -> String {
        match self {
            Style::Human => id.to_owned(),
            Style::Markdown => format!("`{}`", id.replace('`', "")),
        }
    }

    fn heading(self, title: &str) -> String {
        match self {
            Style::Human => format!("{title}\n"),
            Style::Markdown => format!("\n## {title}\n\n"),
        }
    }

    /// One line of a list, `mark` saying what happened to the item (+, -, ~).
    fn line(self, depth: usize, mark: &str, text: &str) -> String {
        match self {
            Style::Human => format!("{}{mark} {text}\n", "  ".repeat(depth + 1)),
            Style::Markdown => {
                let word = match mark {
                    "+" => "added ",
                    "-" => "removed ",
                    "~" => "changed ",
                    _ => "",
                };
                format!("{}- {word}{text}\n", "  ".repeat(depth))
            }
        }
    }
}

/// The diff in `style`; "no changes" when the versions do not differ.
pub fn human(diff: &CaseDiff, style: Style) -> String {
    let mut out = String::new();
    let version = |v: &VersionInfo| {
        let version = v
            .version
            .as_deref()
            .map_or(String::new(), |v| format!(" {v}"));
        format!("{}{version} ({})", style.text(&v.id), v.date)
    };
    let title = format!(
        "Changes from {} to {}",
        version(&diff.old),
        version(&diff.new)
    );
    out.push_str(&match style {
        Style::Human => format!("{title}\n\n"),
        Style::Markdown => format!("# {title}\n"),
    });
    if diff.is_empty() {
        out.push_str(&match style {
            Style::Human => "no changes\n".to_owned(),
            Style::Markdown => "\nNo changes.\n".to_owned(),
        });
        return out;
    }
    let sections: [(&str, &Changes); 6] = [
        ("events", &diff.events),
        ("agencies", &diff.agencies),
        ("people", &diff.people),
        ("episodes", &diff.episodes),
        ("findings", &diff.findings),
        ("recommendations", &diff.recommendations),
    ];
    for (name, changes) in sections.into_iter().filter(|(_, c)| !c.is_empty()) {
        out.push_str(&style.heading(&format!(
            "{name}: {} added, {} removed, {} changed",
            changes.added.len(),
            changes.removed.len(),
            changes.changed.len()
        )));
        items(&mut out, style, "+", &changes.added);
        items(&mut out, style, "-", &changes.removed);
        changed(&mut out, style, &changes.changed);
    }
    if !diff.received.is_empty() || !diff.withdrawn.is_empty() {
        out.push_str(&style.heading("chronologies"));
        for (mark, agencies) in [("+", &diff.received), ("-", &diff.withdrawn)] {
            let word = if mark == "+" { "received" } else { "withdrawn" };
            for agency in agencies {
                // In Markdown the word says it; a list mark would say "added" again.
                let mark = if style == Style::Markdown { "" } else { mark };
                out.push_str(&style.line(0, mark, &format!("{} {word}", style.code(agency))));
            }
        }
    }
    let flags = &diff.flags;
    if *flags != FlagChanges::default() {
        out.push_str(&style.heading(&format!(
            "flags: {} new, {} gone, {} changed",
            flags.new.len(),
            flags.gone.len(),
            flags.changed.len()
        )));
        items(&mut out, style, "+", &flags.new);
        items(&mut out, style, "-", &flags.gone);
        changed(&mut out, style, &flags.changed);
    }
    if !diff.reviews.is_empty() {
        out.push_str(&style.heading(&format!("reviews: {} changed", diff.reviews.len())));
        for review in &diff.reviews {
            let status = |s: Option<ReviewStatus>| s.map_or("no review", Vocabulary::as_str);
            out.push_str(&style.line(
                0,
                "~",
                &format!(
                    "{}: {} → {}",
                    style.code(&review.flag),
                    status(review.from),
                    status(review.to)
                ),
            ));
        }
    }
    out.push_str(&style.heading(&format!(
        "unreviewed flags in the new version: {}",
        diff.unreviewed
    )));
    out
}

fn items(out: &mut String, style: Style, mark: &str, items: &[Item]) {
    for item in items {
        let text = format!("{} {}", style.code(&item.id), style.text(&item.about));
        out.push_str(&style.line(0, mark, &text));
    }
}

fn changed(out: &mut String, style: Style, items: &[Changed]) {
    for item in items {
        let text = format!("{} {}", style.code(&item.id), style.text(&item.about));
        out.push_str(&style.line(0, "~", &text));
        for field in &item.fields {
            let value =
                |v: &Option<String>| v.as_deref().map_or("—".to_owned(), |v| style.text(v));
            let text = format!(
                "{}: {} → {}",
                style.code(&field.name),
                value(&field.old),
                value(&field.new)
            );
            out.push_str(&style.line(1, " ", &text));
        }
    }
}
