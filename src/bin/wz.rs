//! `wz`: the Wandzeitung store without a window.
//!
//! Usage: wz [--db PATH] <command>
//!   demo                                 create the demo workshop and print its id
//!   list                                 one line per workshop: id<TAB>date<TAB>title
//!   export ID --format pdf|json|md|csv --out FILE
//!                                        the whole workshop (json), the protocol
//!                                        as Markdown (md), or every card (csv)
//!   import FILE                          read a workshop file; print the new id

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wandzeitung::protocol::{self, WorkshopDocument};
use wandzeitung::{store, templates, Error, Store};

const USAGE: &str =
    "usage: wz [--db PATH] <demo | list | export ID --format json --out FILE | import FILE>";

#[derive(Clone, Copy)]
enum Format {
    Json,
    Markdown,
    Csv,
    Pdf,
}

enum Command {
    Demo,
    List,
    Export {
        id: String,
        format: Format,
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
                    Some("json") => Format::Json,
                    Some("md") => Format::Markdown,
                    Some("csv") => Format::Csv,
                    Some("pdf") => Format::Pdf,
                    Some(other) => {
                        return Err(format!(
                            "format {other:?} is not available yet; use pdf, json, md or csv"
                        ))
                    }
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
            let bytes = match format {
                Format::Json => doc.to_json()?.into_bytes(),
                Format::Markdown => protocol::markdown::render(&doc).into_bytes(),
                Format::Csv => protocol::csv::render(&doc).into_bytes(),
                Format::Pdf => protocol::pdf::render(&doc, chrono::Utc::now())?,
            };
            write_whole(&out, &bytes)?;
        }
        Command::Import { file } => {
            let bytes = std::fs::read(&file)?;
            let doc = WorkshopDocument::from_json(&bytes)?;
            println!("{}", store.import_workshop(&doc)?);
        }
    }
    Ok(())
}

/// Writes beside the target and renames, so an interrupted export never
/// leaves a half-written file where a good one was.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| {
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "--out needs a file name",
        ))
    })?;
    let tmp = dir.join(format!(".{}.part", name.to_string_lossy()));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)?;
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
