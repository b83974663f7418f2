//! `wz`: the Wandzeitung store without a window.
//!
//! Usage: wz [--db PATH] <command>
//!   demo                                 create the demo workshop and print its id
//!   list                                 one line per workshop: id<TAB>date<TAB>title
//!   export ID --format pdf|json|md|csv --out FILE
//!                                        the whole workshop (json), the protocol
//!                                        as Markdown (md), or every card (csv)
//!   import FILE                          read a workshop file; print the new id

use std::path::PathBuf;
use std::process::ExitCode;

use wandzeitung::protocol::export::{self, ExportFormat};
use wandzeitung::protocol::WorkshopDocument;
use wandzeitung::{store, templates, Store};

const USAGE: &str =
    "usage: wz [--db PATH] <demo | list | export ID --format json --out FILE | import FILE>";

enum Command {
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
            other => return Err(format!("unexpected argument {other:?}; {USAGE}")),
        }
    }
    Ok(Args {
        db,
        command: command.ok_or(USAGE)?,
    })
}

fn run(args: Args) -> wandzeitung::Result<()> {
    let path = match args.db {
        Some(p) => p,
        None => store::default_path()?,
    };
    let store = Store::open(path)?;
    match args.command {
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
            let bytes = std::fs::read(&file)?;
            let doc = WorkshopDocument::from_json(&bytes)?;
            println!("{}", store.import_workshop(&doc)?);
        }
    }
    Ok(())
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
