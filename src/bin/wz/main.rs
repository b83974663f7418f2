//! `wz`: the Wandzeitung store without a window. `wz --help` lists the
//! commands; `cli.rs` defines them (and the manual pages from them).

mod cli;

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use cli::{Cli, Command, TeamAction};
use wandzeitung::join::{JoinConfig, JoinEvent, JoinServer};
use wandzeitung::model::{PhotoInput, Source, Subject};
use wandzeitung::protocol::{export, follow_up};
use wandzeitung::protocol::{Pictures, WorkshopFile};
use wandzeitung::{photos, store, templates, Store};

/// A store to read: opened read-only and without the claim, so it works
/// beside the app or a `wz serve` that holds the store (WAL lets readers
/// in while one writes). A store that does not exist yet, or needs its
/// schema brought up to date first, is opened as a writer would.
fn for_reading(path: &Path) -> wandzeitung::Result<(Option<store::Claim>, Store)> {
    if let Some(store) = Store::open_to_read(path)? {
        return Ok((None, store));
    }
    for_writing(path)
}

/// A store to change: claimed first (one writer per store), then opened.
fn for_writing(path: &Path) -> wandzeitung::Result<(Option<store::Claim>, Store)> {
    let claim = store::claim(path)?;
    Ok((
        Some(claim),
        Store::open(path)?.written_by(Source::CommandLine),
    ))
}

fn run(cli: Cli) -> wandzeitung::Result<ExitCode> {
    match &cli.command {
        Command::Man { dir } => {
            for page in cli::write_man_pages(dir)? {
                println!("{}", page.display());
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Completions { shell } => {
            cli::print_completions(*shell);
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let path = match cli.db {
        Some(p) => p,
        None => store::default_path()?,
    };
    if store::on_network_drive(&path) {
        eprintln!(
            "wz: warning: {} is on a network share, where SQLite's locks do not hold; keep the store on this computer",
            path.display()
        );
    }
    match cli.command {
        Command::Man { .. } | Command::Completions { .. } => unreachable!("handled above"),
        // Listing backups never opens (or creates) the store.
        Command::Backups => {
            for b in store::list_backups(&store::backup_dir(&path))? {
                let local = b.taken_at.with_timezone(&chrono::Local);
                println!(
                    "{}\t{}\t{}\t{}",
                    b.path.display(),
                    local.format("%Y-%m-%d %H:%M:%S"),
                    b.workshops,
                    b.bytes
                );
            }
        }
        Command::Restore { file } => {
            let _claim = store::claim(&path)?;
            if let Some(before) = store::restore(&path, &file)? {
                eprintln!("wz: the store as it was is in {}", before.display());
            }
        }
        Command::List => {
            let (_claim, store) = for_reading(&path)?;
            for w in store.list_workshops()? {
                println!("{}\t{}\t{}", w.id, w.date, w.title);
            }
        }
        Command::Boards { workshop } => {
            let (_claim, store) = for_reading(&path)?;
            for b in store.workshop_detail(&workshop)?.boards {
                println!("{}\t{}", b.id, b.title);
            }
        }
        Command::Challenges { filter } => {
            let (_claim, store) = for_reading(&path)?;
            let (today, filter) = (filter.today(), filter.filter());
            for c in store.follow_up(&filter, today)? {
                let field = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.due_date.map(|d| d.to_string()).unwrap_or_default(),
                    c.status.as_str(),
                    field(&c.responsible),
                    field(&c.title),
                    field(&c.next_step),
                    c.workshop_date,
                    field(&c.workshop_title),
                    if c.overdue { "overdue" } else { "" },
                    c.challenge_id,
                    field(c.origin.as_deref().unwrap_or_default())
                );
            }
        }
        Command::Report {
            filter,
            format,
            out,
            lang,
        } => {
            let (_claim, store) = for_reading(&path)?;
            let report = store.follow_up_report(&filter.filter(), filter.today())?;
            let bytes = follow_up::render(&report, format.into(), lang.into(), chrono::Utc::now())?;
            export::write_whole(&out, &bytes)?;
        }
        Command::Ics {
            workshop,
            out,
            lang,
        } => {
            let (_claim, store) = for_reading(&path)?;
            if let Some(w) = &workshop {
                // An unknown workshop is an error, not an empty calendar.
                store.workshop_detail(w)?;
            }
            let filter = wandzeitung::model::FollowUpFilter {
                workshop_id: workshop,
                ..Default::default()
            };
            let report = store.follow_up_report(&filter, chrono::Local::now().date_naive())?;
            let bytes = follow_up::render(
                &report,
                follow_up::FollowUpFormat::Ics,
                lang.into(),
                chrono::Utc::now(),
            )?;
            export::write_whole(&out, &bytes)?;
        }
        Command::Export {
            workshop,
            format,
            out,
        } => {
            let (_claim, store) = for_reading(&path)?;
            let doc = store.export_workshop(&workshop)?;
            let bytes = export::render_with(
                &doc,
                format.into(),
                chrono::Utc::now(),
                &Pictures::of_store(store.path()),
            )?;
            export::write_whole(&out, &bytes)?;
        }
        Command::Backup => {
            let (_claim, store) = for_writing(&path)?;
            println!(
                "{}",
                store.backup_into(&store::backup_dir(&path))?.path.display()
            );
        }
        Command::Demo => {
            let (_claim, store) = for_writing(&path)?;
            println!("{}", templates::create_demo_workshop(&store)?);
        }
        Command::Import { file, into } => {
            let (_claim, store) = for_writing(&path)?;
            let file = WorkshopFile::read(&file)?;
            match into {
                Some(workshop) => {
                    for board in store.import_boards_into(&workshop, &file.doc)? {
                        println!("{board}");
                    }
                }
                None => println!("{}", file.import_into(&store, &mut |_| {})?),
            }
        }
        Command::Attach {
            workshop,
            images,
            caption,
        } => {
            let (_claim, store) = for_writing(&path)?;
            let input = PhotoInput {
                caption,
                item_id: None,
                workspace: None,
            };
            // Each photo is taken whole or not at all; one refused file
            // does not hold back the others, and is named.
            let mut refused = false;
            for image in &images {
                match photos::read_file(image).and_then(|b| store.add_photo(&workshop, &input, &b))
                {
                    Ok(photo) => println!("{}\t{}", photo.id, image.display()),
                    Err(e @ wandzeitung::Error::NotFound { .. }) => return Err(e),
                    Err(e) => {
                        eprintln!("wz: {}: {e}", image.display());
                        refused = true;
                    }
                }
            }
            if refused {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Serve {
            id,
            addr,
            named,
            cap,
            photos,
        } => {
            let (_claim, store) = for_writing(&path)?;
            let (workshop_id, board_id) = store.session_target(&id)?;
            let config = JoinConfig {
                workshop_id,
                board_id,
                named,
                cap,
            };
            serve(store, config, addr, photos)?
        }
        Command::Team { action } => team(&path, action)?,
        Command::Sync { status } => return sync(&path, status),
    }
    Ok(ExitCode::SUCCESS)
}

/// `wz team …`: the team folder's settings, its password and its check.
fn team(path: &Path, action: TeamAction) -> wandzeitung::Result<()> {
    use wandzeitung::team::secret;
    match action {
        TeamAction::Set {
            address,
            user,
            folder,
            allow_http,
            name,
        } => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            if password.is_empty() {
                return Err(wandzeitung::Error::Empty {
                    field: "team_password",
                });
            }
            let (_claim, store) = for_writing(path)?;
            let settings = store.set_team_settings(&wandzeitung::team::TeamInput {
                address,
                user,
                folder,
                allow_http,
                name,
            })?;
            secret::save_password(&settings.address, &settings.user, password)?;
            println!("device\t{}", settings.device);
        }
        TeamAction::Check => {
            let (_claim, store) = for_reading(path)?;
            let settings = store.configured_team()?;
            settings.folder()?.check()?;
            println!("ok\t{}\t{}", settings.address, settings.folder);
        }
        TeamAction::Show => {
            let (_claim, store) = for_reading(path)?;
            let s = store.configured_team()?;
            println!(
                "address\t{}\nuser\t{}\nfolder\t{}\nname\t{}\ndevice\t{}",
                s.address,
                s.user,
                s.folder,
                s.label(),
                s.device
            );
        }
    }
    Ok(())
}

/// `wz sync [--status]`: one sync with the team folder, or what waits.
fn sync(path: &Path, status: bool) -> wandzeitung::Result<ExitCode> {
    if status {
        let (_claim, store) = for_reading(path)?;
        let s = store.team_status()?;
        println!("waiting\t{}", s.waiting);
        println!("last_success\t{}", s.last_success.as_deref().unwrap_or("-"));
        if let Some(e) = &s.last_error {
            println!("last_error\t{}", e.detail);
        }
        for l in &s.laptops {
            println!("laptop\t{}\t{}\t{}", l.label, l.device, l.files_applied);
        }
        for r in &s.refused {
            println!("refused\t{}\t{}\t{}", r.device, r.sequence, r.reason);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (_claim, store) = for_writing(path)?;
    let report = wandzeitung::team::sync_configured(&store)?;
    println!("sent\t{}\t{} bytes", report.files_sent, report.bytes_sent);
    println!(
        "applied\t{}\t{} bytes",
        report.files_applied, report.bytes_received
    );
    for refused in &report.refused {
        eprintln!("wz: refused {refused}");
    }
    Ok(if report.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs the participant server until Ctrl+C or SIGTERM. The invitation goes
/// to stdout (one `key value` line each, for scripts), events to stderr.
fn serve(
    store: Store,
    config: JoinConfig,
    addr: SocketAddr,
    photos: bool,
) -> wandzeitung::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        // Listening for Ctrl+C and SIGTERM starts before the address is
        // printed: whoever reads it may stop the server at once, and must
        // find the session ended cleanly, not the process killed.
        let stop = stop_signals()?;
        let store = Arc::new(store);
        let _photos_logged = store.subscribe(|published| {
            for change in &published.changes {
                if let Subject::Photo { photo } = &change.subject {
                    eprintln!("photo: {} {}", photo.id, photo.caption);
                }
            }
        });
        let server = JoinServer::start(store, config, addr, |event| match event {
            JoinEvent::Participants(r) => {
                eprintln!(
                    "participants: {} joined, {} connected",
                    r.joined, r.connected
                )
            }
        })
        .await?;
        // Set each time: a session taken up after a restart keeps what was
        // chosen then only when asked again.
        server.set_photos(photos)?;
        let inv = server.invitation();
        println!("url {}", inv.url);
        println!("short_url {}", inv.short_url);
        println!("code {}", inv.code);
        use std::io::Write;
        std::io::stdout().flush()?;
        stop.await;
        server.stop().await;
        Ok(())
    })
}

/// A future that ends at Ctrl+C or SIGTERM, listening from the moment it is made.
#[cfg(unix)]
fn stop_signals() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// On Windows a console ends a program by more than Ctrl+C: Ctrl+Break,
/// closing the console window, logging off, shutting down. Each ends the
/// session as Ctrl+C does (phones told, port closed); Windows waits about
/// five seconds after closing the window, and the server's end takes three
/// at most.
#[cfg(windows)]
fn stop_signals() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close, ctrl_logoff, ctrl_shutdown};
    let mut c = ctrl_c()?;
    let mut brk = ctrl_break()?;
    let mut close = ctrl_close()?;
    let mut logoff = ctrl_logoff()?;
    let mut shutdown = ctrl_shutdown()?;
    Ok(async move {
        tokio::select! {
            _ = c.recv() => {}
            _ = brk.recv() => {}
            _ = close.recv() => {}
            _ = logoff.recv() => {}
            _ = shutdown.recv() => {}
        }
    })
}

#[cfg(not(any(unix, windows)))]
fn stop_signals() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

fn main() -> ExitCode {
    // Help and version go to stdout with status 0; a wrong command line is
    // said on stderr with status 2, before any store is opened.
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("wz: {e}");
            ExitCode::FAILURE
        }
    }
}
