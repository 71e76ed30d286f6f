//! The `gazette` command line: a thin layer over the library that parses arguments, runs a job
//! and turns its result into messages and an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use gazette::resolve::AsOf;
use gazette::run::{self, Config};

// A run makes about 650 small allocations per article (mention texts, values, per-line lists),
// and with glibc's allocator malloc and free were about 7% of all instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, listed once.
mod exit {
    /// Every input processed; every quality bar met.
    pub const OK: u8 = 0;
    /// Some inputs failed (all others were written), or an eval bar was not met.
    pub const FAILURES: u8 = 1;
    /// Bad usage: a bad flag, a missing input path, a malformed dictionary; nothing was done.
    pub const USAGE: u8 = 2;
}

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "Extract regions, dates, money and agreement counts from scraped news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract normalised records from a folder of articles (`*.txt`).
    Extract {
        /// Files or folders (walked recursively). Default: corpus/
        paths: Vec<PathBuf>,
        /// Output folder for documents.jsonl, mentions.csv and documents.csv.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        #[command(flatten)]
        common: Common,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Suppress the progress bar and the summary.
        #[arg(long, short)]
        quiet: bool,
        /// Also report the region code in force at a date: `publication` or a year (YYYY).
        #[arg(long, value_parser = parse_as_of)]
        as_of: Option<AsOf>,
    },
    /// Score extraction against gold labels (see corpus/README.md for the format).
    Eval {
        /// The folder of articles. Default: corpus/
        corpus: Option<PathBuf>,
        /// The folder of gold files. Default: CORPUS/gold
        #[arg(long)]
        gold: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
        /// Write the full report as JSON.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Compare with an earlier `--json` report and list what got worse.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Fail (exit 1) when a mention-level F1 falls below a bar: TYPE=X or all=X; repeatable.
        #[arg(long = "min-f1", value_parser = parse_bar)]
        min_f1: Vec<(String, f64)>,
        /// List every error, not only the first 20 per type.
        #[arg(long)]
        all_errors: bool,
    },
    /// Mentions added, removed and changed between two documents.jsonl files.
    Diff { old: PathBuf, new: PathBuf },
    /// Inspect the gazetteer.
    Regions {
        #[command(subcommand)]
        command: RegionsCommand,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Resolve relative dates against this day when an article has no publication date.
    #[arg(long, value_parser = parse_day)]
    reference_date: Option<NaiveDate>,
    /// A folder of dictionary files that replace the embedded ones (same relative paths).
    #[arg(long)]
    dictionaries: Option<PathBuf>,
}

#[derive(Subcommand)]
enum RegionsCommand {
    /// Every division a name can mean.
    Lookup {
        name: String,
        #[arg(long)]
        dictionaries: Option<PathBuf>,
    },
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

fn parse_as_of(s: &str) -> Result<AsOf, String> {
    if s == "publication" {
        return Ok(AsOf::Publication);
    }
    s.parse::<i32>()
        .ok()
        .filter(|y| (1949..=2100).contains(y))
        .map(AsOf::Year)
        .ok_or_else(|| "expected `publication` or a year such as 2015".to_string())
}

fn parse_bar(s: &str) -> Result<(String, f64), String> {
    let (t, x) = s
        .split_once('=')
        .ok_or_else(|| "expected TYPE=X, e.g. region=0.9 or all=0.8".to_string())?;
    let x: f64 = x.parse().map_err(|_| format!("not a number: {x}"))?;
    let known = ["all", "region", "date", "money", "agreement_count"];
    if !known.contains(&t) {
        return Err(format!("unknown type {t:?} (one of {})", known.join(", ")));
    }
    if !(0.0..=1.0).contains(&x) {
        return Err(format!("F1 bar must be between 0 and 1: {x}"));
    }
    Ok((t.to_string(), x))
}

/// Prints to stdout; a closed pipe (`gazette eval | head`) is not an error worth a panic.
fn print_out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Extract {
            paths,
            out,
            common,
            threads,
            quiet,
            as_of,
        } => {
            let config = Config {
                inputs: if paths.is_empty() {
                    vec![PathBuf::from("corpus")]
                } else {
                    paths
                },
                out,
                reference_date: common.reference_date,
                threads,
                dictionaries: common.dictionaries,
                quiet,
                as_of: as_of.unwrap_or_default(),
            };
            match run::extract_keeping(&config) {
                Ok((summary, pipeline)) => {
                    // The process ends here: its memory goes back to the system without
                    // dropping the compiled automata one by one (about a sixth of the
                    // start-up's cost, paid again at exit).
                    std::mem::forget(pipeline);
                    if !quiet {
                        eprintln!("{}", summary.paragraph());
                    }
                    if summary.failed > 0 {
                        exit::FAILURES
                    } else {
                        exit::OK
                    }
                }
                Err(e) => {
                    eprintln!("gazette: {e}");
                    if e.is_usage() {
                        exit::USAGE
                    } else {
                        exit::FAILURES
                    }
                }
            }
        }
        Command::Eval {
            corpus,
            gold,
            common,
            json,
            baseline,
            min_f1,
            all_errors,
        } => {
            let corpus = corpus.unwrap_or_else(|| PathBuf::from("corpus"));
            let options = gazette::eval::Options {
                gold: gold.unwrap_or_else(|| corpus.join("gold")),
                corpus,
                reference_date: common.reference_date,
                dictionaries: common.dictionaries,
                json,
                baseline,
                min_f1,
                all_errors,
            };
            match gazette::eval::run(&options) {
                Ok((passed, report)) => {
                    print_out(&report);
                    if passed { exit::OK } else { exit::FAILURES }
                }
                Err(e) => {
                    eprintln!("gazette eval: {e}");
                    exit::USAGE
                }
            }
        }
        Command::Diff { old, new } => match gazette::eval::diff_files(&old, &new) {
            Ok(report) => {
                print_out(&report);
                exit::OK
            }
            Err(e) => {
                eprintln!("gazette diff: {e}");
                exit::USAGE
            }
        },
        Command::Regions {
            command: RegionsCommand::Lookup { name, dictionaries },
        } => {
            let config = Config {
                dictionaries,
                ..Config::default()
            };
            let dicts = match run::dictionaries(&config) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("gazette: dictionary error: {e}");
                    return ExitCode::from(exit::USAGE);
                }
            };
            let matcher = match gazette::extract::regions::RegionMatcher::build(&dicts) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("gazette: dictionary error: {e}");
                    return ExitCode::from(exit::USAGE);
                }
            };
            let found = matcher.lookup(&name);
            if found.is_empty() {
                eprintln!("gazette: no division is named {name:?}");
                exit::FAILURES
            } else {
                println!("code\tlevel\tname\tname_zh\tprovince_code\tparent_code\tmatched_alias");
                for (d, alias) in found {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        d.code,
                        d.level.as_str(),
                        d.name_en,
                        d.name_zh,
                        d.province_code,
                        d.parent_code,
                        alias
                    );
                }
                exit::OK
            }
        }
    };
    ExitCode::from(code)
}
