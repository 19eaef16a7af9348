//! Which line of a minijinja template a line of the Typst it produced came from, so that a
//! Typst error names the template file and line a user can open. minijinja keeps no source
//! map, but a template is mostly Typst written as is: lines that occur once in the template
//! and once in the output, in the same order, are anchors (as in a patience diff), and a
//! line between two anchors lies between the same two lines of the template.

use std::collections::HashMap;

/// The template line (1-based, e.g. `12`) or lines (`12-14`) that produced `output` line
/// `line` (1-based). `None` when the line is not in the output.
pub fn origin(template: &str, output: &str, line: usize) -> Option<String> {
    let template: Vec<&str> = template.lines().collect();
    let output: Vec<&str> = output.lines().collect();
    let target = line.checked_sub(1).filter(|&l| l < output.len())?;
    let anchors = anchors(&template, &output);
    // The last anchor at or before the target, and the first after it (or the ends).
    let after = anchors.partition_point(|&(o, _)| o <= target);
    let (before_o, before_t) = match after.checked_sub(1) {
        Some(i) => (Some(anchors[i].0), Some(anchors[i].1)),
        None => (None, None),
    };
    if before_o == Some(target) {
        return before_t.map(|t| (t + 1).to_string());
    }
    let (next_o, next_t) = anchors
        .get(after)
        .copied()
        .unwrap_or((output.len(), template.len()));
    let first_o = before_o.map_or(0, |o| o + 1);
    let first_t = before_t.map_or(0, |t| t + 1);
    // The same number of lines on both sides: the gap is copied text, line for line.
    if next_o - first_o == next_t - first_t {
        return Some((first_t + (target - first_o) + 1).to_string());
    }
    // Else the gap holds template code; a line written there as is still names itself.
    let same: Vec<usize> = (first_t..next_t)
        .filter(|&t| template[t] == output[target])
        .collect();
    if let [only] = same[..] {
        return Some((only + 1).to_string());
    }
    Some(match (first_t + 1, next_t) {
        (first, last) if first >= last => first.min(template.len().max(1)).to_string(),
        (first, last) => format!("{first}-{last}"),
    })
}

/// Pairs (output line, template line), both increasing, of non-blank lines that occur once
/// in each: the longest such chain.
fn anchors(template: &[&str], output: &[&str]) -> Vec<(usize, usize)> {
    let in_template = once(template);
    let pairs: Vec<(usize, usize)> = once(output)
        .into_iter()
        .filter_map(|(line, o)| Some((o?, (*in_template.get(line)?)?)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    longest_increasing(&pairs)
}

/// Each non-blank line that occurs once, with its index (`None` for a repeated line).
fn once<'a>(lines: &[&'a str]) -> HashMap<&'a str, Option<usize>> {
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        seen.entry(line)
            .and_modify(|at| *at = None)
            .or_insert(Some(i));
    }
    seen
}

/// The longest subsequence of `pairs` (sorted by their first) increasing in their second.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting: `tails[k]` ends the best chain of length k + 1 seen so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, t)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&j| pairs[j].1 < t);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        chain.push(pairs[i]);
        at = previous[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::origin;

    const TEMPLATE: &str =
        "#let t = (\n{% for k in keys %}\n  {{ k }}: 1,\n{% endfor %}\n)\n= Report\n#bad(\n#ok\n";
    const OUTPUT: &str = "#let t = (\n\n  a: 1,\n\n  b: 1,\n\n  c: 1,\n\n)\n= Report\n#bad(\n#ok\n";

    #[test]
    fn a_line_written_as_is_names_its_template_line() {
        assert_eq!(origin(TEMPLATE, OUTPUT, 11).as_deref(), Some("7"));
        assert_eq!(origin(TEMPLATE, OUTPUT, 12).as_deref(), Some("8"));
        assert_eq!(origin(TEMPLATE, OUTPUT, 1).as_deref(), Some("1"));
    }

    #[test]
    fn a_line_made_by_a_loop_names_the_loop() {
        assert_eq!(origin(TEMPLATE, OUTPUT, 5).as_deref(), Some("2-4"));
        assert_eq!(origin(TEMPLATE, OUTPUT, 99), None);
    }

    #[test]
    fn repeated_lines_between_anchors_count_line_for_line() {
        let template = "= A\n#x\n#x\n#x\n= B\n";
        assert_eq!(origin(template, template, 3).as_deref(), Some("3"));
    }
}
