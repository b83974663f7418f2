//! `wz`: the Wandzeitung store without a window.
//!
//! Usage: wz [--db PATH] <command>
//!   demo   create the demo workshop and print its id
//!   list   one line per workshop: id<TAB>date<TAB>title

use std::path::PathBuf;
use std::process::ExitCode;

use wandzeitung::{store, templates, Store};

const USAGE: &str = "usage: wz [--db PATH] <demo|list>";

enum Command {
    Demo,
    List,
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
