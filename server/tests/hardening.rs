//! The server against bad traffic, on loopback and bounded: idle sockets, request lines sent
//! alone or byte by byte, bodies that never finish, more connections than the cap (also with a
//! file limit below it), a client holding a half-sent request through SIGTERM, framing, open
//! redirects, and an IPv6 client rotating through its /64. Also compression of every answer.

mod common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::{comment, write_fixtures, Backend, ServerProcess, TestServer, BR_TWIN};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection or `limit` passes; (bytes, when it closed).
async fn read_to_close(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (got, Some(started.elapsed())),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (got, None),
        }
    }
}

/// A raw request with `headers` (one per line).
fn request(method: &str, path: &str, headers: &[&str]) -> String {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
    for h in headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    r
}

#[tokio::test]
async fn idle_and_slow_header_connections_are_closed() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        c.limits.header_timeout = Duration::from_millis(800);
    })
    .await;
    let t0 = Instant::now();
    // A socket that never sends anything.
    let mut idle = TcpStream::connect(s.addr).await.unwrap();
    // A request line and nothing else.
    let mut line_only = TcpStream::connect(s.addr).await.unwrap();
    line_only.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
    // A keep-alive connection that got its answer and went quiet.
    let mut kept = TcpStream::connect(s.addr).await.unwrap();
    kept.write_all(request("GET", "/api/health", &[]).as_bytes())
        .await
        .unwrap();
    // One header byte every 150 ms: always "active", never done.
    let mut loris = TcpStream::connect(s.addr).await.unwrap();
    let addr = s.addr;
    let dribble = tokio::spawn(async move {
        let started = Instant::now();
        for b in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
            if loris.write_all(&[*b]).await.is_err() {
                return Some(started.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        let _ = addr;
        None
    });
    for (name, stream) in [("idle", &mut idle), ("request line only", &mut line_only)] {
        let (_, closed) = read_to_close(stream, Duration::from_secs(5)).await;
        assert!(closed.is_some(), "{name}: still open after 5 s");
        let closed = t0.elapsed();
        assert!(
            closed >= Duration::from_millis(600),
            "{name}: closed after {closed:?}"
        );
    }
    let (answer, closed) = read_to_close(&mut kept, Duration::from_secs(5)).await;
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
    assert!(closed.is_some(), "idle keep-alive connection still open");
    let loris_cut = dribble.await.unwrap();
    assert!(
        loris_cut.is_some_and(|t| t < Duration::from_secs(4)),
        "slow header: {loris_cut:?}"
    );
    // Ordinary requests are unaffected.
    let res = s.client.get(s.url("/api/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn a_body_that_never_finishes_gets_408() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        c.limits.body_timeout = Duration::from_millis(700);
    })
    .await;
    let mut stream = TcpStream::connect(s.addr).await.unwrap();
    let head = request(
        "POST",
        "/api/articles/thi-tran-1/comments",
        &["Content-Type: application/json", "Content-Length: 400"],
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(b"{\"author_name\": \"An\"").await.unwrap();
    let started = Instant::now();
    let (answer, _) = read_to_close(&mut stream, Duration::from_secs(5)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(s.count_rows("true").await, 0);
    s.stop().await;
}

#[tokio::test]
async fn quiet_connections_make_room_at_the_cap() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        c.limits.max_connections = 16;
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..60 {
        idle.push(TcpStream::connect(s.addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    for i in 0..20 {
        let res = tokio::time::timeout(
            Duration::from_secs(10),
            s.client.get(s.url("/api/health")).send(),
        )
        .await
        .unwrap_or_else(|_| panic!("request {i} timed out behind idle sockets"))
        .unwrap();
        assert_eq!(res.status(), 200);
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    // Some of the idle sockets were closed to make room.
    let mut closed = 0;
    for sock in &mut idle {
        if read_to_close(sock, Duration::from_millis(20))
            .await
            .1
            .is_some()
        {
            closed += 1;
        }
    }
    assert!(closed >= 16, "only {closed} idle sockets were closed");
    s.stop().await;
}

/// The file limit (soft and hard) of the child process.
fn with_file_limit(cmd: &mut std::process::Command, n: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: n,
                rlim_max: n,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
}

#[test]
fn three_hundred_idle_sockets_under_a_file_limit_of_256_do_not_stop_answers() {
    let dir = tempfile::tempdir().unwrap();
    write_fixtures(dir.path());
    let db = article_viewer_server::DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let addr = common::free_addr();
    let server = ServerProcess::start_with(&addr, &db, dir.path(), &[], |cmd| {
        with_file_limit(cmd, 256);
    });
    assert!(
        ServerProcess::log(dir.path()).contains("using fewer connections"),
        "{}",
        ServerProcess::log(dir.path())
    );
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(std::net::TcpStream::connect(&addr).unwrap());
    }
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    for _ in 0..10 {
        let mut c = std::net::TcpStream::connect(&addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        use std::io::Write;
        c.write_all(request("GET", "/api/health", &["Connection: close"]).as_bytes())
            .unwrap();
        let mut answer = String::new();
        c.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(!ServerProcess::log(dir.path()).contains("Too many open files"));
    drop(idle);
    server.terminate();
}

#[test]
fn sigterm_with_a_stalled_client_exits_within_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    write_fixtures(dir.path());
    let db = article_viewer_server::DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let addr = common::free_addr();
    let mut server = ServerProcess::start(
        &addr,
        &db,
        dir.path(),
        &[
            "--shutdown-timeout",
            "1.5",
            "--body-timeout",
            "60",
            "--header-timeout",
            "60",
        ],
    );
    use std::io::Write;
    // A request in flight whose body stops halfway, and one whose headers stop halfway.
    let mut half_body = std::net::TcpStream::connect(&addr).unwrap();
    half_body
        .write_all(
            request(
                "POST",
                "/api/articles/thi-tran-1/comments",
                &["Content-Type: application/json", "Content-Length: 300"],
            )
            .as_bytes(),
        )
        .unwrap();
    half_body.write_all(b"{\"author_name\":").unwrap();
    let mut half_head = std::net::TcpStream::connect(&addr).unwrap();
    half_head
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let _idle = std::net::TcpStream::connect(&addr).unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let pid = i32::try_from(server.child.id()).unwrap();
    let started = Instant::now();
    // SAFETY: a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "still running 6 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    assert!(status.success(), "{status}");
    assert!(
        took >= Duration::from_millis(1400) && took < Duration::from_millis(3500),
        "exited after {took:?} (deadline 1.5 s)"
    );
    assert!(ServerProcess::log(dir.path()).contains("shutdown deadline reached"));
}

#[tokio::test]
async fn every_answer_is_compressed_and_static_twins_are_served_as_built() {
    let s = TestServer::start(Backend::Sqlite).await;
    for i in 0..5 {
        s.publish(
            "thi-tran-1",
            &comment(&format!("gzip-key-{i}"), &"Bài viết rất hay. ".repeat(20)),
        )
        .await;
    }
    let get = |path: &str, enc: &str| {
        let req = s.client.get(s.url(path)).header("accept-encoding", enc);
        async move {
            let res = req.send().await.unwrap();
            let h = res.headers().clone();
            (h, res.bytes().await.unwrap().to_vec())
        }
    };
    // The API, brotli: decodes to the same JSON as the plain answer.
    let (plain_h, plain) = get("/api/articles/thi-tran-1/comments", "identity").await;
    assert!(plain_h.get("content-encoding").is_none());
    let (h, br) = get("/api/articles/thi-tran-1/comments", "br").await;
    assert_eq!(h["content-encoding"], "br");
    assert!(
        br.len() * 3 < plain.len(),
        "{} vs {}",
        br.len(),
        plain.len()
    );
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);
    // The article JSON, gzip.
    let (h, gz) = get("/content/thi-tran-1.json", "gzip").await;
    assert_eq!(h["content-encoding"], "gzip");
    let mut decoded = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut decoded)
        .unwrap();
    assert!(decoded.contains("thi-tran-1"));
    // A static file with a build twin: the twin itself, untouched.
    let (h, body) = get("/app.js", "gzip, br").await;
    assert_eq!(h["content-encoding"], "br");
    assert_eq!(body, BR_TWIN);
    assert!(h["vary"].to_str().unwrap().contains("accept-encoding"));
    s.stop().await;
}

#[tokio::test]
async fn the_moderation_page_and_the_api_cannot_be_framed() {
    let s = TestServer::start(Backend::Sqlite).await;
    for path in ["/moderation/", "/api/health", "/api/moderation/comments"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
    let res = s.client.get(s.url("/moderation/")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("trusted-types 'none'") && csp.contains("script-src 'self'"));
    // The viewer stays embeddable, with a referrer policy too.
    for path in ["/", "/content/thi-tran-1.json", "/app.js", "/nope"] {
        let res = s.client.get(s.url(path)).send().await.unwrap();
        let h = res.headers();
        assert!(h.get("x-frame-options").is_none(), "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn double_slash_redirects_stay_on_the_host() {
    let s = TestServer::start(Backend::Sqlite).await;
    for (path, want) in [
        ("//moderation", "/moderation/"),
        ("///moderation", "/moderation/"),
        ("/moderation", "/moderation/"),
    ] {
        let mut stream = TcpStream::connect(s.addr).await.unwrap();
        stream
            .write_all(request("GET", path, &["Connection: close"]).as_bytes())
            .await
            .unwrap();
        let (answer, _) = read_to_close(&mut stream, Duration::from_secs(5)).await;
        let answer = String::from_utf8_lossy(&answer).to_lowercase();
        let location = answer
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("{path}: no redirect in {answer}"));
        assert_eq!(location.trim(), want, "{path}");
    }
    s.stop().await;
}

#[tokio::test]
async fn an_ipv6_client_is_limited_by_its_64() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        c.trust_proxy = true;
        c.rate_limit = "2/60".parse().unwrap();
    })
    .await;
    let post = |key: &str, ip: &str| {
        let req = s
            .client
            .post(s.comments_url("thi-tran-1"))
            .header("x-forwarded-for", ip.to_owned())
            .json(&comment(key, "x"));
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(post("v6-key-0001", "2001:db8:1:2::1").await, 201);
    assert_eq!(post("v6-key-0002", "2001:db8:1:2::2").await, 201);
    assert_eq!(post("v6-key-0003", "2001:db8:1:2:dead:beef:0:3").await, 429);
    assert_eq!(post("v6-key-0004", "2001:db8:1:3::1").await, 201);
    assert_eq!(post("v6-key-0005", "203.0.113.1").await, 201);
    s.stop().await;
}

#[test]
fn shared_tokens_warn_when_short_or_on_the_command_line_and_files_are_trimmed() {
    let dir = tempfile::tempdir().unwrap();
    write_fixtures(dir.path());
    let db = article_viewer_server::DbTarget::Sqlite(dir.path().join("c.sqlite3"));
    let addr = common::free_addr();
    let server = ServerProcess::start_with(&addr, &db, dir.path(), &[], |cmd| {
        cmd.env("AV_MODERATION_TOKEN", "ab");
    });
    server.terminate();
    let log = ServerProcess::log(dir.path());
    assert!(log.contains("shorter than 32 characters"), "{log}");
    assert!(!log.contains("shows in `ps`"), "{log}");

    let file = dir.path().join("token");
    let token = "0123456789abcdef0123456789abcdef0123";
    std::fs::write(&file, format!("  {token}\n")).unwrap();
    let addr = common::free_addr();
    let server = ServerProcess::start(
        &addr,
        &db,
        dir.path(),
        &["--moderation-token-file", file.to_str().unwrap()],
    );
    let mut c = std::net::TcpStream::connect(&addr).unwrap();
    use std::io::Write;
    c.write_all(
        request(
            "GET",
            "/api/moderation/me",
            &[
                &format!("Authorization: Bearer {token}"),
                "Connection: close",
            ],
        )
        .as_bytes(),
    )
    .unwrap();
    let mut answer = String::new();
    c.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    server.terminate();

    let addr = common::free_addr();
    let server = ServerProcess::start(&addr, &db, dir.path(), &["--moderation-token", token]);
    server.terminate();
    assert!(ServerProcess::log(dir.path()).contains("shows in `ps`"));
}
