//! A guard in front of tower-lsp's transport. tower-lsp-server 0.23 stops
//! reading (and so the server exits) at the first message it cannot decode:
//! a body that is not JSON, or JSON that is not a JSON-RPC message, or a bad
//! `Content-Length`. This pump reads the client's stream itself, passes on
//! only well-formed messages, reports the rest on stderr (the LSP log
//! channel), and resynchronises on the next `Content-Length` header.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Larger bodies are refused (and skipped): no editor sends a 256 MiB message.
const MAX_BODY: usize = 256 << 20;

pub async fn pump(input: impl AsyncRead + Unpin, mut out: impl AsyncWrite + Unpin) {
    let mut input = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        // Headers: lines up to an empty one.
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return, // end of input: let the server see EOF
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            // Found anywhere in the line, so that after a bad message the
            // next header is found even if glued to the leftover body.
            if let Some(at) = text.to_ascii_lowercase().rfind("content-length:") {
                length = text[at + "content-length:".len()..].trim().parse().ok();
            }
        }
        let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
            eprintln!("planlint lsp: skipped a message with a missing or bad Content-Length header");
            continue;
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        if !is_jsonrpc(&body) {
            eprintln!("planlint lsp: skipped a malformed message ({length} bytes): not a JSON-RPC object");
            continue;
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        if out.write_all(header.as_bytes()).await.is_err() || out.write_all(&body).await.is_err() {
            return;
        }
    }
}

/// A request, notification or response object.
fn is_jsonrpc(body: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    let method = m.get("method").is_some_and(|v| v.is_string());
    let response = m.contains_key("id") && (m.contains_key("result") || m.contains_key("error"));
    m.get("jsonrpc").and_then(|v| v.as_str()) == Some("2.0") && (method || response)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn through(input: &[u8]) -> String {
        let (tx, mut rx) = tokio::io::duplex(1 << 16);
        pump(input, tx).await;
        let mut out = String::new();
        rx.read_to_string(&mut out).await.unwrap();
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn bad_messages_are_dropped_and_good_ones_pass() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            framed("{not json"),
            framed("42"),
            framed(r#"{"jsonrpc":"2.0"}"#),
            "Content-Length: lots\r\n\r\n{}".to_string(),
            framed(good),
        ]
        .concat();
        assert_eq!(through(input.as_bytes()).await, framed(good));
    }
}
