//! A guard in front of tower-lsp's transport. tower-lsp-server 0.23 stops
//! reading (and so the server exits) at the first message it cannot decode:
//! a body that is not JSON, or JSON that is not a JSON-RPC message, or a bad
//! `Content-Length`. This pump reads the client's stream itself, passes on
//! only well-formed messages, reports the rest on stderr (the LSP log
//! channel), and resynchronises on the next `Content-Length` header.
//!
//! It also bounds memory: a message over [`MAX_MESSAGE`] (twice the largest
//! draft, `planlint::MAX_INPUT_BYTES`, for JSON's escapes, plus room for the
//! envelope) is not read into memory. It is skimmed for its method, `id`,
//! document URI and version, and replaced by a [`TOO_LARGE`] notification
//! (or a [`TOO_LARGE_REQUEST`] request with the same `id`), which the server
//! answers with a message, so that the client learns why and the server knows
//! which document it does not have.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// A `Content-Length` above this is taken for garbage (a bad header), not a
/// message: no editor sends a 256 MiB message.
const MAX_BODY: usize = 256 << 20;

/// Larger messages are skimmed, not read into memory.
pub const MAX_MESSAGE: usize = 2 * planlint::MAX_INPUT_BYTES + (1 << 20);

/// What replaces a notification over [`MAX_MESSAGE`]: params `{method, uri, version, bytes}`.
pub const TOO_LARGE: &str = "planlint/tooLarge";
/// What replaces a request over [`MAX_MESSAGE`], with its `id`: params `{method, bytes}`.
pub const TOO_LARGE_REQUEST: &str = "planlint/tooLargeRequest";

/// Header lines are kept up to this length; the rest of a longer line (a body
/// being skipped after a bad header) is dropped but for its last bytes, where
/// the next header may be glued on.
const MAX_LINE: usize = 4096;

pub async fn pump(input: impl AsyncRead + Unpin, out: impl AsyncWrite + Unpin) {
    pump_with_limit(input, out, MAX_MESSAGE).await;
}

async fn pump_with_limit(input: impl AsyncRead + Unpin, mut out: impl AsyncWrite + Unpin, max_message: usize) {
    let mut input = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        // Headers: lines up to an empty one.
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            match read_line(&mut input, &mut line).await {
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
        let body = if length > max_message {
            let mut skim = Skim::default();
            if skim.read(&mut input, length).await.is_err() {
                return;
            }
            eprintln!(
                "planlint lsp: a {length}-byte message ({}) is over the size limit; it was skipped unread",
                skim.method.as_deref().unwrap_or("no method")
            );
            skim.replacement(length)
        } else {
            let mut body = vec![0; length];
            if input.read_exact(&mut body).await.is_err() {
                return;
            }
            if !is_jsonrpc(&body) {
                eprintln!("planlint lsp: skipped a malformed message ({length} bytes): not a JSON-RPC object");
                continue;
            }
            body
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if out.write_all(header.as_bytes()).await.is_err() || out.write_all(&body).await.is_err() {
            return;
        }
    }
}

/// One line into `line` (cleared first), ending with `\n` unless at the end of
/// input; of a line longer than [`MAX_LINE`] only the start and the last bytes
/// are kept. Returns the number of bytes consumed.
async fn read_line(input: &mut (impl AsyncBufReadExt + Unpin), line: &mut Vec<u8>) -> std::io::Result<usize> {
    line.clear();
    let mut consumed = 0;
    loop {
        let chunk = input.fill_buf().await?;
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        line.extend_from_slice(&chunk[..take]);
        if line.len() > 2 * MAX_LINE {
            line.drain(MAX_LINE..line.len() - MAX_LINE);
        }
        input.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

/// A request, notification or response object.
fn is_jsonrpc(body: &[u8]) -> bool {
    /// Present in the object, whatever its value (`"result": null` included); never copied.
    #[derive(Default)]
    struct Present(bool);
    impl<'de> serde::Deserialize<'de> for Present {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Present, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| Present(true))
        }
    }
    /// The envelope alone: the params (a whole draft, in `didOpen`) are skipped, not copied.
    #[derive(serde::Deserialize)]
    struct Envelope {
        jsonrpc: Option<String>,
        method: Option<serde_json::Value>,
        #[serde(default)]
        id: Present,
        #[serde(default)]
        result: Present,
        #[serde(default)]
        error: Present,
    }
    let Ok(m) = serde_json::from_slice::<Envelope>(body) else { return false };
    let method = m.method.as_ref().is_some_and(|v| v.is_string());
    let response = m.id.0 && (m.result.0 || m.error.0);
    m.jsonrpc.as_deref() == Some("2.0") && (method || response)
}

/// The few small values of a message body that a refusal needs, read in one
/// pass without keeping the body: `method` and `id` of the message object,
/// `uri` and `version` of `params.textDocument`, in whatever order they come.
#[derive(Default, Debug, PartialEq)]
struct Skim {
    method: Option<String>,
    id: Option<serde_json::Value>,
    uri: Option<String>,
    version: Option<i64>,
    // The scanner's state.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The string or scalar being read (the first bytes of a long one).
    token: Vec<u8>,
    long: bool,
    in_scalar: bool,
    /// The last string read, until a `:` makes it a key.
    last_string: Option<Vec<u8>>,
    /// The key whose value comes next, with the depth it was read at.
    key: Option<(Vec<u8>, usize)>,
}

/// Strings and scalars are kept up to this length (a URI is shorter).
const MAX_TOKEN: usize = 8192;

impl Skim {
    /// Consumes `length` bytes of `input`, scanning them.
    async fn read(&mut self, input: &mut (impl AsyncBufReadExt + Unpin), mut length: usize) -> std::io::Result<()> {
        while length > 0 {
            let chunk = input.fill_buf().await?;
            if chunk.is_empty() {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let n = chunk.len().min(length);
            self.feed(&chunk[..n]);
            input.consume(n);
            length -= n;
        }
        self.end_scalar();
        Ok(())
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                // Jump to the next quote or backslash: a draft's text is most of the body.
                if !self.escaped {
                    let rest = &bytes[i..];
                    let j = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                    self.push(&rest[..j]);
                    i += j;
                    if i == bytes.len() {
                        break;
                    }
                }
                let b = bytes[i];
                if self.escaped {
                    self.escaped = false;
                    self.push(&[b]);
                } else if b == b'\\' {
                    self.escaped = true;
                    self.push(&[b]);
                } else {
                    self.in_string = false;
                    self.end_string();
                }
                i += 1;
                continue;
            }
            let b = bytes[i];
            if self.in_scalar && matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                self.end_scalar();
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.token.clear();
                    self.long = false;
                }
                b':' => {
                    self.key = self.last_string.take().map(|k| (k, self.depth));
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    self.key = None;
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.key = None;
                }
                b',' => {
                    self.key = None;
                    self.last_string = None;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => {
                    if !self.in_scalar {
                        self.in_scalar = true;
                        self.token.clear();
                        self.long = false;
                    }
                    self.push(&[b]);
                }
            }
            i += 1;
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let room = MAX_TOKEN.saturating_sub(self.token.len());
        self.long |= bytes.len() > room;
        self.token.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    fn end_string(&mut self) {
        let token = std::mem::take(&mut self.token);
        match self.key.take() {
            Some((key, depth)) if !self.long => {
                let mut quoted = Vec::with_capacity(token.len() + 2);
                quoted.push(b'"');
                quoted.extend_from_slice(&token);
                quoted.push(b'"');
                let Ok(value) = serde_json::from_slice::<String>(&quoted) else { return };
                match (key.as_slice(), depth) {
                    (b"method", 1) => self.method = self.method.take().or(Some(value)),
                    (b"id", 1) => self.id = self.id.take().or(Some(serde_json::Value::String(value))),
                    (b"uri", 3) => self.uri = self.uri.take().or(Some(value)),
                    _ => {}
                }
            }
            Some(_) => {}
            None => self.last_string = (!self.long).then_some(token),
        }
    }

    fn end_scalar(&mut self) {
        if !self.in_scalar {
            return;
        }
        self.in_scalar = false;
        let Some((key, depth)) = self.key.take() else { return };
        let Ok(number) = std::str::from_utf8(&self.token).unwrap_or_default().parse::<i64>() else { return };
        match (key.as_slice(), depth) {
            (b"id", 1) => self.id = self.id.take().or(Some(number.into())),
            (b"version", 3) => self.version = self.version.take().or(Some(number)),
            _ => {}
        }
    }

    /// The message passed on instead of the skimmed one.
    fn replacement(&self, bytes: usize) -> Vec<u8> {
        let method = self.method.clone().unwrap_or_default();
        let message = match &self.id {
            Some(id) => serde_json::json!({
                "jsonrpc": "2.0", "id": id, "method": TOO_LARGE_REQUEST,
                "params": {"method": method, "bytes": bytes},
            }),
            None => serde_json::json!({
                "jsonrpc": "2.0", "method": TOO_LARGE,
                "params": {"method": method, "uri": self.uri, "version": self.version, "bytes": bytes},
            }),
        };
        serde_json::to_vec(&message).unwrap_or_default()
    }
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
        let response = r#"{"jsonrpc":"2.0","id":7,"result":null}"#;
        let input = [
            framed("{not json"),
            framed("42"),
            framed(r#"{"jsonrpc":"2.0"}"#),
            framed(r#"{"jsonrpc":"1.0","method":"x"}"#),
            framed(r#"{"jsonrpc":"2.0","id":3}"#),
            "Content-Length: lots\r\n\r\n{}".to_string(),
            framed(good),
            framed(response),
        ]
        .concat();
        assert_eq!(through(input.as_bytes()).await, [framed(good), framed(response)].concat());
    }

    /// A body over the limit in the text, with the keys in either order and
    /// quotes, backslashes and a fake `"uri":` inside the text; fed whole and
    /// in pieces that split escapes and keys.
    #[test]
    fn skimming_finds_the_keys_whatever_their_order() {
        let text = format!("{}\\\"uri\\\": \\\"fake\\\" \\\\ {}", "推进工作。\\n".repeat(1000), "完成。");
        let uri = "file:///tmp/a%20b/\\u8349\\u7a3f.txt";
        let bodies = [
            format!(
                r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":7,"text":"{text}"}}}}}}"#
            ),
            format!(
                r#"{{ "params" : {{ "textDocument" : {{ "text" : "{text}", "version" : 7 , "uri" : "{uri}" }} }}, "method" : "textDocument/didOpen", "jsonrpc" : "2.0" }}"#
            ),
        ];
        for body in &bodies {
            for piece in [body.len(), 1, 7, 4096] {
                let mut skim = Skim::default();
                for chunk in body.as_bytes().chunks(piece) {
                    skim.feed(chunk);
                }
                skim.end_scalar();
                assert_eq!(skim.method.as_deref(), Some("textDocument/didOpen"), "{piece}");
                assert_eq!(skim.uri.as_deref(), Some("file:///tmp/a%20b/草稿.txt"), "{piece}");
                assert_eq!((skim.version, &skim.id), (Some(7), &None), "{piece}");
            }
        }
        let mut skim = Skim::default();
        skim.feed(
            format!(r#"{{"id":"a-1","jsonrpc":"2.0","method":"x/y","params":{{"id":5,"t":"{text}"}}}}"#).as_bytes(),
        );
        skim.end_scalar();
        assert_eq!((skim.id, skim.method.as_deref()), (Some(serde_json::json!("a-1")), Some("x/y")));
        let mut skim = Skim::default();
        skim.feed(br#"{"jsonrpc":"2.0","method":"x","id":42}"#);
        skim.end_scalar();
        assert_eq!(skim.id, Some(serde_json::json!(42)));
    }

    /// The bodies of the framed messages in `out`, parsed.
    fn bodies(mut out: &str) -> Vec<serde_json::Value> {
        let mut all = Vec::new();
        while let Some((header, rest)) = out.split_once("\r\n\r\n") {
            let length: usize = header.trim_start_matches("Content-Length: ").parse().unwrap();
            all.push(serde_json::from_str(&rest[..length]).unwrap());
            out = &rest[length..];
        }
        all
    }

    #[tokio::test]
    async fn a_message_over_the_limit_is_replaced_by_a_short_one() {
        let text = "推进工作。".repeat(1000);
        let open = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"file:///d.txt","languageId":"plaintext","version":3,"text":"{text}"}}}}}}"#
        );
        let ask = format!(r#"{{"jsonrpc":"2.0","id":9,"method":"x/y","params":{{"t":"{text}"}}}}"#);
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [framed(&open), framed(&ask), framed(good)].concat();
        let (tx, mut rx) = tokio::io::duplex(1 << 16);
        pump_with_limit(input.as_bytes(), tx, 10_000).await;
        let mut out = String::new();
        rx.read_to_string(&mut out).await.unwrap();
        let want = [
            serde_json::json!({"jsonrpc": "2.0", "method": TOO_LARGE, "params": {
                "method": "textDocument/didOpen", "uri": "file:///d.txt", "version": 3, "bytes": open.len(),
            }}),
            serde_json::json!({"jsonrpc": "2.0", "id": 9, "method": TOO_LARGE_REQUEST, "params": {
                "method": "x/y", "bytes": ask.len(),
            }}),
            serde_json::from_str(good).unwrap(),
        ];
        assert_eq!(bodies(&out), want);
    }

    /// After a bad header, a long line of body (no newline in a JSON body) is
    /// skipped without being kept, and the next message is found.
    #[tokio::test]
    async fn a_long_line_after_a_bad_header_is_not_kept() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let junk = "x".repeat(1 << 20);
        let input = format!("Content-Length: 999999999999\r\n\r\n{junk}{}", framed(good));
        assert_eq!(through(input.as_bytes()).await, framed(good));
        let mut line = Vec::new();
        let mut reader = BufReader::new(junk.as_bytes());
        assert_eq!(read_line(&mut reader, &mut line).await.unwrap(), junk.len());
        assert_eq!(line.len(), 2 * MAX_LINE);
    }
}
