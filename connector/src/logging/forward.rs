//! Posting ERROR lines to the on-premise agent, as the reference's
//! `LumosLogHandler` does: `POST <base URL>/logs` with `Authorization:
//! Bearer <key>`, `X-Agent-Identifier: <id>` and the JSON
//! `{"agent_identifier": <id>, "log": <the formatted line>}`.
//!
//! Unlike the reference, which posts while the call waits (and fails for
//! every error raised inside a capability), the lines go to a thread of
//! their own through a bounded queue: a call never waits on the agent, and
//! an agent that is down or slow costs at most [`SEND_TIMEOUT`] when the
//! process exits ([`flush`]). Lines beyond the queue's room are dropped.
//! A line that cannot be posted is reported on stderr, under the
//! reference's logger name `lumos_log_handler`, and never logged (which
//! would forward it again).

use std::io;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tracing_subscriber::fmt::MakeWriter;

use super::AgentConfig;

/// How long one line may take to post, connecting included, and how long
/// a process waits at exit for the lines still queued.
pub(crate) const SEND_TIMEOUT: Duration = Duration::from_secs(2);

/// Lines waiting to be posted; a burst beyond this is dropped rather than
/// held in memory.
const QUEUE: usize = 64;

static FORWARDER: OnceLock<Arc<Forwarder>> = OnceLock::new();

/// The queue to the posting thread, which starts with the first line.
#[derive(Debug)]
pub(crate) struct Forwarder {
    config: AgentConfig,
    timeout: Duration,
    queue: Mutex<Option<SyncSender<String>>>,
    /// Lines queued or being posted, and the signal that the count fell.
    pending: Arc<(Mutex<usize>, Condvar)>,
}

impl Forwarder {
    /// The process's forwarder for `config` (the first one installed stays,
    /// as the first logger installed does).
    pub(crate) fn install(config: AgentConfig) -> Writer {
        let forwarder = FORWARDER.get_or_init(|| Arc::new(Self::new(config, SEND_TIMEOUT)));
        Writer(Arc::clone(forwarder))
    }

    fn new(config: AgentConfig, timeout: Duration) -> Self {
        Self {
            config,
            timeout,
            queue: Mutex::new(None),
            pending: Arc::new((Mutex::new(0), Condvar::new())),
        }
    }

    /// Queues `line` for the agent.
    fn submit(&self, line: String) {
        // The reference's checks, made for each line.
        let (Some(base_url), Some(api_key)) = (&self.config.base_url, &self.config.api_key) else {
            let missing = if self.config.base_url.is_none() {
                "base_url"
            } else {
                "on_prem_agent_api_key"
            };
            report(&format!("{missing} must be set in config"));
            return;
        };
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let sender = queue.get_or_insert_with(|| {
            let (sender, receiver) = sync_channel(QUEUE);
            let post = Post {
                url: format!("{}/logs", base_url.trim_end_matches('/')),
                api_key: api_key.clone(),
                agent_identifier: self.config.agent_identifier.clone(),
                timeout: self.timeout,
                pending: Arc::clone(&self.pending),
            };
            if let Err(e) = std::thread::Builder::new()
                .name("log-forward".into())
                .spawn(move || post.run(receiver))
            {
                report(&format!(
                    "Failed to send log to Lumos: no thread to send with: {e}"
                ));
            }
            sender
        });
        self.change_pending(1);
        match sender.try_send(line) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.change_pending(-1);
                report("Failed to send log to Lumos: too many lines waiting; this one is dropped");
            }
            Err(TrySendError::Disconnected(_)) => self.change_pending(-1),
        }
    }

    fn change_pending(&self, by: isize) {
        change_pending(&self.pending, by);
    }

    /// Waits until every queued line was posted or given up, `limit` at most.
    fn wait(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        let (count, changed) = &*self.pending;
        let mut pending = count.lock().unwrap_or_else(|e| e.into_inner());
        while *pending > 0 {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            pending = changed
                .wait_timeout(pending, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

fn change_pending(pending: &(Mutex<usize>, Condvar), by: isize) {
    let (count, changed) = pending;
    let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
    *count = count.saturating_add_signed(by);
    changed.notify_all();
}

/// Waits for the queued lines, [`SEND_TIMEOUT`] at most.
pub(crate) fn flush() {
    if let Some(forwarder) = FORWARDER.get() {
        forwarder.wait(forwarder.timeout);
    }
}

/// Writes the reference handler's own complaint on stderr.
fn report(message: &str) {
    let now = chrono::Local::now();
    eprintln!(
        "{},{} lumos_log_handler ERROR {message}",
        now.format("%Y-%m-%d %H:%M:%S"),
        now.timestamp_subsec_millis()
    );
}

/// What the posting thread needs.
struct Post {
    url: String,
    api_key: String,
    agent_identifier: String,
    timeout: Duration,
    pending: Arc<(Mutex<usize>, Condvar)>,
}

impl Post {
    fn run(self, lines: Receiver<String>) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        let client = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout)
            .build();
        let (runtime, client) = match (runtime, client) {
            (Ok(runtime), Ok(client)) => (runtime, client),
            (Err(e), _) => return self.give_up(lines, &e.to_string()),
            (_, Err(e)) => return self.give_up(lines, &e.to_string()),
        };
        for line in lines {
            if let Err(e) = runtime.block_on(self.post(&client, line)) {
                report(&format!("Failed to send log to Lumos: {e}"));
            }
            change_pending(&self.pending, -1);
        }
    }

    async fn post(&self, client: &reqwest::Client, line: String) -> reqwest::Result<()> {
        let body = serde_json::json!({
            "agent_identifier": self.agent_identifier,
            "log": line,
        });
        client
            .post(&self.url)
            .bearer_auth(&self.api_key)
            .header("X-Agent-Identifier", &self.agent_identifier)
            .json(&body)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }

    fn give_up(&self, lines: Receiver<String>, why: &str) {
        report(&format!("Failed to send log to Lumos: {why}"));
        for _ in lines {
            change_pending(&self.pending, -1);
        }
    }
}

/// The writer the formatting layer hands each ERROR line to.
#[derive(Debug, Clone)]
pub(crate) struct Writer(Arc<Forwarder>);

impl<'a> MakeWriter<'a> for Writer {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line {
            forwarder: Arc::clone(&self.0),
            text: Vec::new(),
        }
    }
}

/// One formatted line, queued when the layer is done writing it.
pub(crate) struct Line {
    forwarder: Arc<Forwarder>,
    text: Vec<u8>,
}

impl io::Write for Line {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.text);
        let line = text.trim_end_matches(['\n', '\r']);
        if !line.is_empty() {
            self.forwarder.submit(line.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use super::*;

    fn config(base_url: String) -> AgentConfig {
        AgentConfig {
            agent_identifier: "agent-7".into(),
            api_key: Some("k3y-value".into()),
            base_url: Some(base_url),
        }
    }

    /// Reads one request: its head and body.
    fn read_request(stream: &mut std::net::TcpStream) -> (String, String) {
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap();
                }
            }
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (head, String::from_utf8(body).unwrap())
    }

    #[test]
    fn a_line_is_posted_as_the_reference_posts_it() {
        let agent = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api/", agent.local_addr().unwrap());
        let forwarder = Forwarder::new(config(base), Duration::from_secs(5));
        forwarder.submit("12:00:00,5 integration-connectors.sdk ERROR boom".into());
        let (mut stream, _) = agent.accept().unwrap();
        let (head, body) = read_request(&mut stream);
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
            .unwrap();
        forwarder.wait(Duration::from_secs(5));
        let head = head.to_ascii_lowercase();
        assert!(head.starts_with("post /api/logs http/1.1\r\n"), "{head}");
        assert!(head.contains("authorization: bearer k3y-value\r\n"), "{head}");
        assert!(head.contains("x-agent-identifier: agent-7\r\n"), "{head}");
        assert!(head.contains("content-type: application/json\r\n"), "{head}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "agent_identifier": "agent-7",
                "log": "12:00:00,5 integration-connectors.sdk ERROR boom",
            })
        );
        assert_eq!(*forwarder.pending.0.lock().unwrap(), 0);
    }

    #[test]
    fn an_agent_that_never_answers_holds_the_exit_for_the_timeout_only() {
        // Accepts connections (the kernel does) but never reads or answers.
        let agent = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", agent.local_addr().unwrap());
        let forwarder = Forwarder::new(config(base), Duration::from_millis(300));
        let started = Instant::now();
        forwarder.submit("a line".into());
        // Queuing never waits on the agent.
        assert!(started.elapsed() < Duration::from_millis(200));
        forwarder.wait(Duration::from_secs(5));
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(300), "{waited:?}");
        assert!(waited < Duration::from_secs(3), "{waited:?}");
        assert_eq!(*forwarder.pending.0.lock().unwrap(), 0);
        drop(agent);
    }

    #[test]
    fn without_a_base_url_nothing_is_queued() {
        let mut config = config(String::new());
        config.base_url = None;
        let forwarder = Forwarder::new(config, Duration::from_millis(100));
        forwarder.submit("a line".into());
        assert!(forwarder.queue.lock().unwrap().is_none());
        assert_eq!(*forwarder.pending.0.lock().unwrap(), 0);
    }
}
