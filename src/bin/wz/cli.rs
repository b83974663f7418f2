//! What `wz` takes on its command line: one definition for the parser, its
//! help, the manual pages and the shell completion.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use wandzeitung::join::{CAP_MAX, DEFAULT_CAP};
use wandzeitung::model::{ChallengeStatus, FollowUpFilter, Language};
use wandzeitung::protocol::export::ExportFormat;
use wandzeitung::protocol::follow_up::FollowUpFormat;

const ABOUT: &str = "Wandzeitung without a window: workshops, protocols, backups and \
                     the participant server, on the same store as the app";

const AFTER_HELP: &str = "\
The store is the app's, in the user's data folder, unless --db or the
environment variable WANDZEITUNG_DB names another. Commands that only read
(list, boards, challenges, report, ics, export, backups) work beside a running app or `wz serve`;
commands that change the store are refused while another holds it.

Exit status: 0 done, 1 the command failed (the reason on stderr), 2 the
command line was wrong.

Examples:
  wz list
  wz export 01a23cec-… --format pdf --out protokoll.pdf
  wz --db /media/stick/werkstatt.sqlite3 backups";

#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Set the team folder; the app password comes from standard input
    Set {
        /// The WebDAV address the folder lies in (Nextcloud: …/remote.php/dav/files/USER/)
        #[arg(long)]
        address: String,
        /// The account's user name
        #[arg(long)]
        user: String,
        /// The team's folder under the address
        #[arg(long)]
        folder: String,
        /// Allow plain http:// to another machine (the password travels readable)
        #[arg(long)]
        allow_http: bool,
        /// How the team calls this laptop ("Laptop Anna"); the user name if not given
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Check the connection: reach the folder, make it if missing, write and remove a test file
    Check,
    /// Print the team folder's settings (never the password)
    Show,
}

#[derive(Debug, Parser)]
#[command(name = "wz", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// The store file to use instead of the app's
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the demo workshop and print its id
    #[command(after_help = "Example:\n  wz demo")]
    Demo,
    /// One line per workshop: id, date and title, separated by tabs
    #[command(after_help = "Example:\n  wz list | cut -f3")]
    List,
    /// One line per board of a workshop: id and title, separated by tabs
    #[command(after_help = "Example:\n  wz boards \"$(wz list | head -1 | cut -f1)\"")]
    Boards {
        /// The workshop's id (see `wz list`)
        workshop: String,
    },
    /// Every challenge of every workshop ("Vorhaben"), by due date: one line each, tab-separated
    #[command(after_help = "\
Columns: due date (empty when none), status, owner, title, next step,
workshop date, workshop title, \"overdue\" or empty, the challenge's id,
the laptop it came from (with a team folder; empty without one).
Tabs and line breaks inside a field are printed as spaces.

Examples:
  wz challenges --overdue
  wz challenges --status in_progress --owner özdemir")]
    Challenges {
        #[command(flatten)]
        filter: FollowUpArgs,
    },
    /// Write "Stand der Umsetzung": every challenge with its status, owner, dates,
    /// impact and history, grouped by workshop (PDF, Markdown or CSV)
    #[command(after_help = "\
Takes the same filters as `wz challenges`.

Examples:
  wz report --format pdf --out stand.pdf
  wz report --overdue --format csv --out ueberfaellig.csv")]
    Report {
        #[command(flatten)]
        filter: FollowUpArgs,
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// The file to write; written whole or not at all
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The report's language
        #[arg(long, value_enum, default_value = "de")]
        lang: Lang,
    },
    /// Write the due and review dates of the open challenges as a calendar file
    /// (iCalendar), for Outlook, Thunderbird or a phone; a newer file updates the
    /// same entries instead of doubling them
    #[command(after_help = "Examples:\n  wz ics --out vorhaben.ics\n  \
                            wz ics \"$(wz list | head -1 | cut -f1)\" --out werkstatt.ics")]
    Ics {
        /// Only this workshop's challenges (see `wz list`); all when left out
        workshop: Option<String>,
        /// The file to write; written whole or not at all
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The language of the entries' words
        #[arg(long, value_enum, default_value = "de")]
        lang: Lang,
    },
    /// Write a workshop: the protocol (PDF, Markdown), every card or the phones' results (CSV) or the whole workshop (JSON, ZIP)
    #[command(
        after_help = "Examples:\n  wz export ID --format pdf --out protokoll.pdf\n  \
                            wz export ID --format json --out werkstatt.json"
    )]
    Export {
        /// The workshop's id (see `wz list`)
        workshop: String,
        #[arg(long, value_enum)]
        format: Format,
        /// The file to write; written whole or not at all
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Read a workshop file (JSON from `wz export --format json`, or the ZIP with its
    /// photos from `--format zip`; told apart by their bytes) and print the new id;
    /// with --into, take only its boards into an existing workshop and print their ids
    #[command(after_help = "Examples:\n  wz import werkstatt.json\n  \
                      wz import werkstatt-mit-fotos.zip\n  \
                      wz import gruppe-b.json --into \"$(wz list | head -1 | cut -f1)\"")]
    Import {
        file: PathBuf,
        /// The workshop that takes the file's boards (a group's result from
        /// a second laptop), as new boards; nothing else of the file is read
        #[arg(long, value_name = "WORKSHOP")]
        into: Option<String>,
    },
    /// Add photos (JPEG, PNG, WebP, GIF) to a workshop's Fotoprotokoll and print
    /// each new photo's id and file; only their pixels are kept, no metadata
    #[command(
        after_help = "Example:\n  wz attach \"$(wz list | head -1 | cut -f1)\" wand-1.jpg wand-2.jpg \\\n    --caption \"Wandzeitung Themeninsel Mobilität\""
    )]
    Attach {
        workshop: String,
        #[arg(required = true, value_name = "IMAGE")]
        images: Vec<PathBuf>,
        /// The caption of every photo added
        #[arg(long, default_value = "")]
        caption: String,
    },
    /// Back the store up now, into `backups` beside it, and print the file
    #[command(after_help = "Example:\n  wz backup")]
    Backup,
    /// The good backups, newest first: file, date, workshops and bytes, separated by tabs
    #[command(after_help = "Example:\n  wz backups | tail -1")]
    Backups,
    /// Put a backup in the store's place; the store as it was is backed up first
    #[command(after_help = "Example:\n  wz restore \"$(wz backups | tail -1 | cut -f1)\"")]
    Restore {
        /// A file listed by `wz backups`
        file: PathBuf,
    },
    /// Let phones follow a workshop's day: print the join address and code, run until Ctrl+C
    #[command(after_help = "Example:\n  wz serve WORKSHOP --addr 192.168.1.20:8421 --named")]
    Serve {
        /// The workshop whose day the phones follow (see `wz list`), or a
        /// board's id (see `wz boards`): its workshop, with that board for
        /// the phones while no agenda item runs
        #[arg(value_name = "WORKSHOP|BOARD")]
        id: String,
        /// The address to listen on; port 0 picks a free one
        #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// Ask participants for their first name
        #[arg(long)]
        named: bool,
        /// The most participants who can join
        #[arg(long, value_name = "N", default_value_t = DEFAULT_CAP,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(CAP_MAX)))]
        cap: u32,
        /// Take photos of the paper walls from the phones (off unless given)
        #[arg(long)]
        photos: bool,
    },
    /// The team folder this laptop shares through (WebDAV, e.g. the municipality's Nextcloud)
    #[command(after_help = "\
The password is read from standard input by `wz team set` and filed in the
system's credential store (GNOME Keyring or KWallet on Linux, the Credential
Manager on Windows), never in the store. Where there is none, the environment
variable WZ_TEAM_PASSWORD gives it.

Examples:
  printf '%s' \"$APP_PASSWORD\" | wz team set --address https://cloud.stadt.example/remote.php/dav/files/og-labor/ --user og-labor --folder Wandzeitung
  wz team check")]
    Team {
        #[command(subcommand)]
        action: TeamAction,
    },
    /// Share with the team: add this laptop's changes to the team folder and apply the others'
    #[command(after_help = "\
A sync packs what changed here since the last one (this laptop's workshops,
and the follow-up of every challenge), adds it to the team folder set with
`wz team set`, and applies what the other laptops added. The password comes
from the credential store, or from WZ_TEAM_PASSWORD.

Examples:
  wz sync
  wz sync --status")]
    Sync {
        /// Print what waits to be shared and how the last sync ended; contact nothing
        #[arg(long)]
        status: bool,
    },
    /// Write the manual pages into a folder (used when packaging)
    #[command(hide = true)]
    Man { dir: PathBuf },
    /// Print a shell's completion script
    #[command(hide = true)]
    Completions { shell: clap_complete::Shell },
}

/// Which challenges: the filters of `wz challenges` and `wz report`.
#[derive(Debug, Args)]
pub struct FollowUpArgs {
    /// Only those still open or in progress whose due date has passed
    #[arg(long)]
    pub overdue: bool,
    /// Only this status
    #[arg(long, value_name = "STATUS", value_parser = ["open", "in_progress", "done", "dropped"])]
    pub status: Option<String>,
    /// Only those whose owner's name contains this, in any case
    #[arg(long, value_name = "TEXT")]
    pub owner: Option<String>,
    /// Only this workshop's (see `wz list`)
    #[arg(long, value_name = "ID")]
    pub workshop: Option<String>,
    /// The day that counts as today for --overdue (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

impl FollowUpArgs {
    pub fn filter(&self) -> FollowUpFilter {
        FollowUpFilter {
            status: self.status.as_deref().and_then(ChallengeStatus::parse),
            owner: self.owner.clone(),
            workshop_id: self.workshop.clone(),
            overdue: self.overdue,
        }
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Md,
    Csv,
}

impl From<ReportFormat> for FollowUpFormat {
    fn from(f: ReportFormat) -> FollowUpFormat {
        match f {
            ReportFormat::Pdf => FollowUpFormat::Pdf,
            ReportFormat::Md => FollowUpFormat::Md,
            ReportFormat::Csv => FollowUpFormat::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    De,
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::De => Language::De,
            Lang::En => Language::En,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// The protocol as PDF
    Pdf,
    /// The Moderationsleitfaden: the day's script with the facilitators' notes (PDF)
    Script,
    /// The whole workshop, to import elsewhere
    Json,
    /// The protocol as Markdown
    Md,
    /// Every card, one line each, for spreadsheets
    Csv,
    /// What the phones gave to word clouds and impact × effort, one line per word or challenge (CSV)
    Results,
    /// The whole workshop with its photos (the JSON and the pictures), to import elsewhere
    Zip,
}

impl From<Format> for ExportFormat {
    fn from(f: Format) -> ExportFormat {
        match f {
            Format::Pdf => ExportFormat::Pdf,
            Format::Script => ExportFormat::Script,
            Format::Json => ExportFormat::Json,
            Format::Md => ExportFormat::Md,
            Format::Csv => ExportFormat::Csv,
            Format::Results => ExportFormat::Results,
            Format::Zip => ExportFormat::Zip,
        }
    }
}

/// `wz.1` and one page per command (`wz-export.1`, …), from the definitions above.
pub fn write_man_pages(dir: &std::path::Path) -> std::io::Result<Vec<PathBuf>> {
    use clap::CommandFactory;
    std::fs::create_dir_all(dir)?;
    let cmd = Cli::command();
    let mut written = Vec::new();
    let mut page = |cmd: clap::Command, name: String| -> std::io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd.name(name.clone())).render(&mut out)?;
        std::fs::write(&path, out)?;
        written.push(path);
        Ok(())
    };
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        page(sub.clone(), format!("wz-{}", sub.get_name()))?;
    }
    page(cmd, "wz".into())?;
    Ok(written)
}

pub fn print_completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "wz", &mut std::io::stdout());
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
