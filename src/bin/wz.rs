//! `wz`: the Wandzeitung store without a window.
//!
//! Usage: wz [--db PATH] <command>
//!   demo                                 create the demo workshop and print its id
//!   list                                 one line per workshop: id<TAB>date<TAB>title
//!   export ID --format pdf|json|md|csv --out FILE
//!                                        the whole workshop (json), the protocol
//!                                        as Markdown (md), or every card (csv)
//!   import FILE                          read a workshop file; print the new id
//!   boards ID                            one line per board: id<TAB>title
//!   backup                               back the store up now (into `backups`
//!                                        beside it); print the file
//!   backups                              the good backups, newest first:
//!                                        file<TAB>date<TAB>workshops<TAB>bytes
//!   restore FILE                         put a backup in the store's place
//!                                        (the store as it was is backed up first)
//!   serve BOARD [--addr IP:PORT] [--named] [--cap N]
//!                                        let phones join the board; prints the
//!                                        join address and code, runs until
//!                                        Ctrl+C (default 127.0.0.1, a free port)

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use wandzeitung::join::{JoinConfig, JoinEvent, JoinServer, DEFAULT_CAP};
use wandzeitung::protocol::export::{self, ExportFormat};
use wandzeitung::protocol::WorkshopDocument;
use wandzeitung::{store, templates, Store};

const USAGE: &str =
    "usage: wz [--version] [--db PATH] <demo | list | export ID --format json --out FILE \
                     | import FILE | boards ID | backup | backups | restore FILE \
                     | serve BOARD [--addr IP:PORT] [--named] [--cap N]>";

enum Command {
    Version,
    Demo,
    List,
    Export {
        id: String,
        format: ExportFormat,
        out: PathBuf,
    },
    Import {
        file: PathBuf,
    },
    Boards {
        workshop: String,
    },
    Backup,
    Backups,
    Restore {
        file: PathBuf,
    },
    Serve {
        config: JoinConfig,
        addr: SocketAddr,
    },
}

struct Args {
    db: Option<PathBuf>,
    command: Command,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut db = None;
    let mut command = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => {
                let path = args.next().ok_or("--db needs a path")?;
                db = Some(PathBuf::from(path));
            }
            "-h" | "--help" => return Err(USAGE.into()),
            "-V" | "--version" => command = Some(Command::Version),
            "demo" if command.is_none() => command = Some(Command::Demo),
            "list" if command.is_none() => command = Some(Command::List),
            "export" if command.is_none() => {
                let id = args.next().ok_or("export needs a workshop id")?;
                let (mut format, mut out) = (None, None);
                while let Some(flag) = args.next() {
                    match flag.as_str() {
                        "--format" => format = args.next(),
                        "--out" => out = args.next().map(PathBuf::from),
                        "--db" => db = args.next().map(PathBuf::from),
                        other => return Err(format!("unexpected argument {other:?}; {USAGE}")),
                    }
                }
                let format = match format.as_deref() {
                    Some(name) => ExportFormat::parse(name).ok_or_else(|| {
                        format!("format {name:?} is not available; use pdf, json, md or csv")
                    })?,
                    None => return Err("export needs --format pdf|json|md|csv".into()),
                };
                let out = out.ok_or("export needs --out FILE")?;
                command = Some(Command::Export { id, format, out });
            }
            "import" if command.is_none() => {
                let file = args.next().ok_or("import needs a file")?;
                command = Some(Command::Import {
                    file: PathBuf::from(file),
                });
            }
            "backup" if command.is_none() => command = Some(Command::Backup),
            "backups" if command.is_none() => command = Some(Command::Backups),
            "restore" if command.is_none() => {
                let file = args.next().ok_or("restore needs a backup file")?;
                command = Some(Command::Restore {
                    file: PathBuf::from(file),
                });
            }
            "boards" if command.is_none() => {
                let workshop = args.next().ok_or("boards needs a workshop id")?;
                command = Some(Command::Boards { workshop });
            }
            "serve" if command.is_none() => {
                let board_id = args.next().ok_or("serve needs a board id")?;
                let mut config = JoinConfig {
                    board_id,
                    named: false,
                    cap: DEFAULT_CAP,
                };
                let mut addr: SocketAddr = ([127, 0, 0, 1], 0).into();
                while let Some(flag) = args.next() {
                    match flag.as_str() {
                        "--named" => config.named = true,
                        "--cap" => {
                            let n = args.next().ok_or("--cap needs a number")?;
                            config.cap = n
                                .parse()
                                .map_err(|_| format!("--cap: {n:?} is not a number"))?;
                        }
                        "--addr" => {
                            let a = args.next().ok_or("--addr needs IP:PORT")?;
                            addr = a
                                .parse()
                                .map_err(|_| format!("--addr: {a:?} is not IP:PORT"))?;
                        }
                        "--db" => db = args.next().map(PathBuf::from),
                        other => return Err(format!("unexpected argument {other:?}; {USAGE}")),
                    }
                }
                command = Some(Command::Serve { config, addr });
            }
            other => return Err(format!("unexpected argument {other:?}; {USAGE}")),
        }
    }
    Ok(Args {
        db,
        command: command.ok_or(USAGE)?,
    })
}

fn run(args: Args) -> wandzeitung::Result<()> {
    if let Command::Version = args.command {
        println!("wz {}", env!("CARGO_PKG_VERSION"));
        return Ok(());
    }
    let path = match args.db {
        Some(p) => p,
        None => store::default_path()?,
    };
    // One writer per store: not while the app (or another wz) has it.
    let _claim = store::claim(&path)?;
    // Listing and restoring backups never opens (or creates) the store first.
    match &args.command {
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
            return Ok(());
        }
        Command::Restore { file } => {
            if let Some(before) = store::restore(&path, file)? {
                eprintln!("wz: the store as it was is in {}", before.display());
            }
            return Ok(());
        }
        _ => {}
    }
    let store = Store::open(&path)?;
    match args.command {
        Command::Backup => {
            println!(
                "{}",
                store.backup_into(&store::backup_dir(&path))?.path.display()
            );
        }
        Command::Version | Command::Backups | Command::Restore { .. } => {
            unreachable!("handled above")
        }
        Command::Demo => {
            println!("{}", templates::create_demo_workshop(&store)?);
        }
        Command::List => {
            for w in store.list_workshops()? {
                println!("{}\t{}\t{}", w.id, w.date, w.title);
            }
        }
        Command::Export { id, format, out } => {
            let doc = store.export_workshop(&id)?;
            let bytes = export::render(&doc, format, chrono::Utc::now())?;
            export::write_whole(&out, &bytes)?;
        }
        Command::Import { file } => {
            let doc = WorkshopDocument::read_file(&file)?;
            println!("{}", store.import_workshop(&doc)?);
        }
        Command::Boards { workshop } => {
            for b in store.workshop_detail(&workshop)?.boards {
                println!("{}\t{}", b.id, b.title);
            }
        }
        Command::Serve { config, addr } => serve(store, config, addr)?,
    }
    Ok(())
}

/// Runs the participant server until Ctrl+C or SIGTERM. The invitation goes
/// to stdout (one `key value` line each, for scripts), events to stderr.
fn serve(store: Store, config: JoinConfig, addr: SocketAddr) -> wandzeitung::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        // Listening for Ctrl+C and SIGTERM starts before the address is
        // printed: whoever reads it may stop the server at once, and must
        // find the session ended cleanly, not the process killed.
        let stop = stop_signals()?;
        let server = JoinServer::start(Arc::new(store), config, addr, |event| match event {
            JoinEvent::Changed { .. } => {}
            JoinEvent::Participants(r) => {
                eprintln!(
                    "participants: {} joined, {} connected",
                    r.joined, r.connected
                )
            }
        })
        .await?;
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

#[cfg(not(unix))]
fn stop_signals() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("wz: {msg}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wz: {e}");
            ExitCode::FAILURE
        }
    }
}
