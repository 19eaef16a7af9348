//! The on-screen view: one self-contained HTML file made of the report's data, the
//! report's strings and the view's script and style (`templates/view/`). Nothing in it
//! may fetch anything: a Content-Security-Policy allows only the inline script and style,
//! by their hashes, so even markup smuggled into the page could not run.

use std::collections::BTreeMap;

use base64::Engine;
use sha2::{Digest, Sha256};

use super::{RenderError, ReportData, Templates};

const SCRIPT_FILE: &str = "view/view.js";
const STYLE_FILE: &str = "view/view.css";

/// The element ids the script reads the data and the strings from.
pub const DATA_ELEMENT: &str = "report-data";
pub const STRINGS_ELEMENT: &str = "report-strings";

/// The page for `data`, with the strings of its language.
pub fn page(
    data: &ReportData,
    strings: &BTreeMap<String, String>,
    templates: &Templates,
) -> Result<String, RenderError> {
    let script = templates.file(SCRIPT_FILE)?;
    let style = templates.file(STYLE_FILE)?;
    // An overriding script or style that closed its own element would end it early.
    for (file, text, close) in [
        (SCRIPT_FILE, script, "</script"),
        (STYLE_FILE, style, "</style"),
    ] {
        if text.to_ascii_lowercase().contains(close) {
            return Err(RenderError(format!(
                "{}: it may not contain `{close}`",
                templates.shown_path(file)
            )));
        }
    }
    let policy = format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        hash(script),
        hash(style)
    );
    let title = format!("{} — {}", data.case.meta.case_id, data.case.meta.title);
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n\
         <div id=\"app\"><noscript>{noscript}</noscript></div>\n\
         <script type=\"application/json\" id=\"{DATA_ELEMENT}\">{data}</script>\n\
         <script type=\"application/json\" id=\"{STRINGS_ELEMENT}\">{strings}</script>\n\
         <script>{script}</script>\n</body>\n</html>\n",
        lang = data.lang,
        title = escape(&title),
        noscript = escape(
            &strings
                .get("view_needs_script")
                .cloned()
                .unwrap_or_default()
        ),
        data = json(data)?,
        strings = json(strings)?,
    ))
}

/// A value as JSON for a `<script type="application/json">` element.
fn json(value: &impl serde::Serialize) -> Result<String, RenderError> {
    serde_json::to_string(value)
        .map(|text| script_safe(&text))
        .map_err(|e| RenderError(format!("the view's data: {e}")))
}

/// JSON that cannot end its `<script>` element or start markup: `<`, `>` and `&` become
/// `\u` escapes (they occur only inside JSON strings, where an escape means the same).
/// U+2028 and U+2029 are escaped too, for any reader that takes the text as script.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML or XML element or a quoted attribute (the view, GraphML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSP source allowing exactly this inline script or style.
fn hash(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_element_cannot_close_it() {
        let text = serde_json::to_string("</script><img src=x onerror=alert(1)>&amp;").unwrap();
        let safe = script_safe(&text);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><img src=x onerror=alert(1)>&amp;");
    }

    #[test]
    fn text_is_escaped_for_elements_and_attributes() {
        assert_eq!(
            escape(r#"<b a="1">'&'"#),
            "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;"
        );
    }

    #[test]
    fn a_hash_is_the_base64_of_the_sha256() {
        // sha256("") is e3b0c442…; its base64 is the well-known 47DEQpj8…
        assert_eq!(
            hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
