//! An exercise's questions: the general ones, a group per episode, and the closing ones.

use serde::Serialize;

use super::Context;
use super::chronology::cite_events;
use crate::methodology::{Label, Methodology, MethodologyError, key};

/// Questions under one heading: the whole case, one episode, or the closing ones.
#[derive(Serialize)]
pub struct QuestionGroup {
    pub title: String,
    /// What the group is about (an episode's events and dates), or empty.
    pub about: String,
    pub questions: Vec<String>,
}

/// A group per episode gives its number and its events by date and agency, as the
/// chronology shows them: the episode's title and analysis are answers.
pub(super) fn questions(
    cx: &Context,
    methodology: &Methodology,
) -> Result<Vec<QuestionGroup>, MethodologyError> {
    let asked = methodology.exercise_questions()?;
    let texts = |list: &[Label]| list.iter().map(|q| q.get(cx.language).to_owned()).collect();
    let mut groups = vec![QuestionGroup {
        title: cx.messages.word(key::EXERCISE_WHOLE_CASE),
        about: String::new(),
        questions: texts(&asked.general),
    }];
    for (n, episode) in cx.case.episodes.iter().enumerate() {
        let events: Vec<String> = cite_events(cx, episode.events.iter().map(|id| &id.value))
            .into_iter()
            .map(|e| e.label)
            .collect();
        groups.push(QuestionGroup {
            title: cx
                .messages
                .say(key::EXERCISE_EPISODE, &[("n", (n + 1).into())]),
            about: format!(
                "{}: {}",
                cx.messages.word(key::EXERCISE_EVENTS),
                events.join("; ")
            ),
            questions: texts(&asked.episode),
        });
    }
    groups.push(QuestionGroup {
        title: cx.messages.word(key::EXERCISE_CLOSING),
        about: String::new(),
        questions: texts(&asked.closing),
    });
    Ok(groups)
}
