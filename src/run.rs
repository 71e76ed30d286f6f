//! Run: the `extract` job, from paths to written outputs.
//!
//! Documents stream through in chunks: each worker thread takes the next chunk of file names
//! (in input order, from a shared counter), reads, decodes, extracts, resolves and serialises
//! it, and sends it to the calling thread, which writes the chunks in input order as they
//! complete. The channel between them is bounded, so memory depends on the chunk size and the
//! thread count, not on the number of files, and the output is byte-identical at any thread
//! count. A file that cannot be read or decoded is reported, recorded in `documents.csv` with
//! its error, and skipped; the rest goes on.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};

use crate::dict::{DictError, Dictionaries};
use crate::extract::Extractors;
use crate::ingest::{self, IngestError, Input, MissingPath, Reader};
use crate::model::{Mention, TYPES};
use crate::resolve::{self, AsOf};
use crate::write::{DocumentRecord, Outcome, Outputs, Rendered, WriteError};

/// Documents a worker takes at a time and runs through one stage after another (see
/// [`Extractors::extract_each`]): 32 ran about 10% faster than one at a time and as fast as
/// 128 (`examples/stage_times.rs`), and a chunk's output (about 1 MB) is small enough that the
/// chunks in flight stay a few MB.
pub const CHUNK: usize = 32;

/// How many files past the last chunk taken the read-ahead thread asks the kernel for (see
/// [`ReadAhead`]): four chunks, about 13 ms of work for two workers and several times a
/// disk's latency, while the pages it fills stay under half a MB.
const AHEAD: usize = 4 * CHUNK;

/// Everything `gazette extract` needs to know.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub reference_date: Option<NaiveDate>,
    pub threads: Option<usize>,
    pub dictionaries: Option<PathBuf>,
    pub quiet: bool,
    pub as_of: AsOf,
}

/// Why a run could not start or finish.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Missing(#[from] MissingPath),
    #[error("dictionary error: {0}")]
    Dict(#[from] DictError),
    #[error("cannot write output: {0}")]
    Write(#[from] WriteError),
    #[error("cannot start threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

impl RunError {
    /// Usage errors (exit 2) are the ones found before any work starts.
    pub fn is_usage(&self) -> bool {
        matches!(self, RunError::Missing(_) | RunError::Dict(_))
    }
}

/// The figures of a finished run.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub documents: usize,
    pub failed: usize,
    pub bytes: u64,
    /// Mentions per type, in `model::TYPES` order.
    pub mentions: [usize; 4],
    pub elapsed: Duration,
    pub startup: Duration,
}

/// What the summary keeps of one document: counted on the worker that processed it, so the
/// document itself is freed there and not on the thread that writes.
#[derive(Debug)]
struct Tally {
    bytes: u64,
    mentions: [usize; 4],
    /// "doc_id: error" of a file that was skipped.
    failure: Option<String>,
}

impl Tally {
    fn of(outcome: &Outcome) -> Tally {
        match outcome {
            Outcome::Done(rec) => {
                let mut mentions = [0; 4];
                for m in &rec.mentions {
                    let t = TYPES
                        .iter()
                        .position(|t| *t == m.value.type_name())
                        .expect("every type is listed");
                    mentions[t] += 1;
                }
                Tally {
                    bytes: rec.bytes as u64,
                    mentions,
                    failure: None,
                }
            }
            Outcome::Failed {
                doc_id,
                error,
                bytes,
            } => Tally {
                bytes: *bytes as u64,
                mentions: [0; 4],
                failure: Some(format!("{doc_id}: {error}")),
            },
        }
    }
}

impl Summary {
    /// Counts one document; a failure is reported on stderr (above the progress bar).
    fn add(&mut self, tally: &Tally, progress: Option<&indicatif::ProgressBar>) {
        self.documents += 1;
        self.bytes += tally.bytes;
        for (n, m) in self.mentions.iter_mut().zip(tally.mentions) {
            *n += m;
        }
        if let Some(failure) = &tally.failure {
            self.failed += 1;
            let msg = format!("gazette: {failure} (skipped)");
            match progress {
                Some(p) => p.println(msg),
                None => eprintln!("{msg}"),
            }
        }
    }

    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The one-paragraph report printed at the end of a run.
    pub fn paragraph(&self) -> String {
        let per_type = TYPES
            .iter()
            .zip(self.mentions)
            .map(|(t, n)| format!("{n} {t}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "gazette: {} documents ({} failed), {:.1} MB in {:.2} s ({:.1} MB/s, start-up {} ms); mentions: {}.",
            self.documents,
            self.failed,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.mb_per_s(),
            self.startup.as_millis(),
            per_type
        )
    }
}

/// The compiled state of a run, shared read-only by all threads.
pub struct Pipeline {
    pub reader: Reader,
    pub extractors: Extractors,
    pub reference_date: Option<NaiveDate>,
    pub as_of: AsOf,
}

impl Pipeline {
    pub fn build(dicts: &Dictionaries) -> Result<Pipeline, DictError> {
        let (reader, extractors) =
            rayon::join(|| Reader::build(dicts), || Extractors::build(dicts));
        Ok(Pipeline {
            reader: reader?,
            extractors: extractors?,
            reference_date: None,
            as_of: AsOf::Current,
        })
    }

    /// One file in, one outcome out.
    pub fn process(&self, input: &Input) -> Outcome {
        match self.reader.read(input) {
            Ok(doc) => Outcome::Done(self.process_document(doc)),
            Err(e) => failed(input, e),
        }
    }

    /// [`Pipeline::process`] for several files, stage by stage (see
    /// [`Extractors::extract_each`]): the same outcomes, in the same order.
    pub fn process_each(&self, inputs: &[Input]) -> Vec<Outcome> {
        let read: Vec<Result<crate::model::Document, IngestError>> =
            inputs.iter().map(|i| self.reader.read(i)).collect();
        let docs: Vec<_> = read
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|doc| (doc, doc.anchor(self.reference_date)))
            .collect();
        // A rule that panics on some text must cost that file, not the run: the chunk is
        // run again a document at a time, and the one that panics is reported as failed.
        let Ok(found) = guarded(|| self.extractors.extract_each(&docs)) else {
            drop(docs);
            return read
                .into_iter()
                .zip(inputs)
                .map(|(r, input)| match r {
                    Ok(doc) => {
                        let (doc_id, bytes) = (doc.doc_id.clone(), doc.bytes);
                        match guarded(|| self.process_document(doc)) {
                            Ok(record) => Outcome::Done(record),
                            Err(why) => Outcome::Failed {
                                doc_id,
                                bytes,
                                error: format!("internal error, file skipped: {why}"),
                            },
                        }
                    }
                    Err(e) => failed(input, e),
                })
                .collect();
        };
        let mut found = found.into_iter();
        drop(docs);
        read.into_iter()
            .zip(inputs)
            .map(|(r, input)| match r {
                Ok(doc) => {
                    let found = found.next().expect("one result per document read");
                    Outcome::Done(self.resolve_document(doc, found))
                }
                Err(e) => failed(input, e),
            })
            .collect()
    }

    /// Extraction and resolution of a decoded document.
    pub fn process_document(&self, doc: crate::model::Document) -> DocumentRecord {
        let anchor = doc.anchor(self.reference_date);
        let found = self.extractors.extract(&doc, anchor);
        self.resolve_document(doc, found)
    }

    fn resolve_document(&self, doc: crate::model::Document, found: Vec<Mention>) -> DocumentRecord {
        let year = doc.published.map(|d| d.year());
        let mentions = resolve::resolve(found, year, self.as_of, &self.extractors.regions);
        DocumentRecord {
            doc_id: doc.doc_id,
            title: doc.title,
            published: doc.published,
            bytes: doc.bytes,
            mentions,
        }
    }
}

/// `f`'s result, or the message of the panic that ended it. (The panic is also printed on
/// stderr by the default hook, with its place in the code.)
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

fn failed(input: &Input, e: IngestError) -> Outcome {
    Outcome::Failed {
        doc_id: input.doc_id.to_string(),
        bytes: std::fs::metadata(input.path())
            .map(|m| m.len() as usize)
            .unwrap_or(0),
        error: e.to_string(),
    }
}

/// Loads the dictionaries a config names (the embedded ones by default).
pub fn dictionaries(config: &Config) -> Result<Dictionaries, DictError> {
    match &config.dictionaries {
        Some(dir) => Dictionaries::with_overrides(dir),
        None => Ok(Dictionaries::embedded()),
    }
}

/// Runs `gazette extract`. Failures of single files are in the summary, not an error.
pub fn extract(config: &Config) -> Result<Summary, RunError> {
    extract_keeping(config).map(|(summary, _pipeline)| summary)
}

/// [`extract`], handing back the compiled pipeline as well, for a caller that is about to exit
/// and need not spend ten-odd milliseconds of one core freeing automata and patterns (the
/// command line, see `main.rs`).
pub fn extract_keeping(config: &Config) -> Result<(Summary, Pipeline), RunError> {
    let started = Instant::now();
    let inputs = std::sync::Arc::new(ingest::find_inputs(&config.inputs)?);
    let dicts = dictionaries(config)?;
    let mut pipeline = Pipeline::build(&dicts)?;
    pipeline.reference_date = config.reference_date;
    pipeline.as_of = config.as_of;
    let startup = started.elapsed();
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = config.threads {
        pool = pool.num_threads(n);
    }
    let pool = pool.build()?;

    let mut outputs = Outputs::create(&config.out)?;
    let progress = progress_bar(config.quiet, inputs.len() as u64);
    let mut summary = Summary {
        startup,
        ..Summary::default()
    };
    // Workers take chunks of files in input order (a shared counter hands them out), extract
    // and serialise them, and send them to this thread, which writes them in input order. A
    // worker never waits for the others, only for room in the channel, and the chunks between
    // the one being written and the newest one taken stay few, so memory stays bounded.
    let chunks = inputs.len().div_ceil(CHUNK);
    let chunk_range = |i: usize| i * CHUNK..((i + 1) * CHUNK).min(inputs.len());
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers = pool.current_num_threads();
    // A chunk's tallies and its lines of the three outputs, one buffer each for the chunk.
    type Done = Result<(Vec<Tally>, Rendered), WriteError>;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Done)>(2 * workers);
    // Written buffers go back to the workers, emptied: a chunk's buffers grow to about a MB,
    // and are then reused rather than allocated on a worker and freed on this thread for every
    // chunk (own 10k corpus, 2 threads: peak RSS 48.8 -> 45.9 MB, time within noise).
    let spare: std::sync::Mutex<Vec<Rendered>> = std::sync::Mutex::default();
    let ahead = ReadAhead::start(&inputs, &next);
    let work = |tx: std::sync::mpsc::SyncSender<(usize, Done)>| {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= chunks {
                break;
            }
            ahead.wake();
            let chunk: Vec<Input> = inputs.range(chunk_range(i)).collect();
            let outcomes = pipeline.process_each(&chunk);
            let tallies = outcomes.iter().map(Tally::of).collect();
            let mut rendered = spare
                .lock()
                .ok()
                .and_then(|mut s| s.pop())
                .unwrap_or_default();
            let done: Done = outcomes
                .iter()
                .try_for_each(|o| rendered.append(o))
                .map(|()| (tallies, rendered));
            // the writer has stopped when the channel is closed
            if tx.send((i, done)).is_err() {
                break;
            }
        }
    };
    let written = pool.in_place_scope(|scope| -> Result<(), RunError> {
        for _ in 0..workers {
            let tx = tx.clone();
            scope.spawn(move |_| work(tx));
        }
        drop(tx);
        // Owned here, so that an early return closes the channel and frees a worker waiting
        // to send.
        let rx = rx;
        let mut waiting = std::collections::BTreeMap::new();
        let mut to_write = 0;
        for (i, done) in &rx {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&to_write) {
                let done =
                    done.inspect_err(|_| next.store(chunks, std::sync::atomic::Ordering::Relaxed))?;
                let (tallies, rendered) = done;
                for tally in &tallies {
                    summary.add(tally, progress.as_ref());
                }
                outputs.write_rendered(&rendered)?;
                if let Ok(mut spare) = spare.lock() {
                    spare.push(rendered.emptied());
                }
                if let Some(p) = &progress {
                    p.inc(chunk_range(to_write).len() as u64);
                }
                to_write += 1;
            }
        }
        Ok(())
    });
    drop(ahead);
    written?;
    outputs.finish()?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    summary.elapsed = started.elapsed();
    Ok((summary, pipeline))
}

/// A thread that keeps the kernel reading the files the workers will take next, [`AHEAD`] past
/// the last chunk taken, and sleeps when that far ahead, until a worker takes another chunk or
/// the run ends (when this is dropped, however it ends). It runs outside the pool: it spends
/// its time waiting for the disk (opening a file reads its directory and inode), where a worker
/// would leave its core idle.
struct ReadAhead {
    thread: Option<std::thread::JoinHandle<()>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl ReadAhead {
    fn start(
        inputs: &std::sync::Arc<ingest::Inputs>,
        next: &std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ) -> ReadAhead {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (inputs, next, until) = (inputs.clone(), next.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("read-ahead".into())
            .spawn(move || read_ahead(&inputs, &next, &until))
            // without it a run is only slower on a cold page cache
            .ok();
        ReadAhead { thread, stop }
    }

    fn wake(&self) {
        if let Some(t) = &self.thread {
            t.thread().unpark();
        }
    }
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.wake();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn read_ahead(
    inputs: &ingest::Inputs,
    next: &std::sync::atomic::AtomicUsize,
    stop: &std::sync::atomic::AtomicBool,
) {
    use std::sync::atomic::Ordering::Relaxed;
    let mut advised = 0;
    while !stop.load(Relaxed) {
        let taken = next.load(Relaxed).saturating_mul(CHUNK).min(inputs.len());
        if taken == inputs.len() {
            break;
        }
        // (the files of the chunks taken are being read already)
        advised = advised.max(taken);
        if advised < (taken + AHEAD).min(inputs.len()) {
            ingest::advise(&inputs.get(advised));
            advised += 1;
        } else {
            std::thread::park();
        }
    }
}

fn progress_bar(quiet: bool, len: u64) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}",
        )
        .expect("the progress template is valid"),
    );
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message() {
        assert_eq!(guarded(|| 7), Ok(7));
        // (the default hook prints both panics on the test's stderr)
        let literal = guarded(|| -> u8 { panic!("slice inside a character") });
        let formatted = guarded(|| -> u8 { panic!("index {} out of range", 36) });
        assert_eq!(literal, Err("slice inside a character".to_string()));
        assert_eq!(formatted, Err("index 36 out of range".to_string()));
    }
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn inputs(n: usize) -> (tempfile::TempDir, Arc<ingest::Inputs>) {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            std::fs::write(dir.path().join(format!("{i:04}.txt")), "text").unwrap();
        }
        let found = ingest::find_inputs(&[dir.path().to_path_buf()]).unwrap();
        (dir, Arc::new(found))
    }

    /// A run that ends early (a write error, a panic) leaves the counter where it was: the
    /// read-ahead thread, asleep that far ahead, must still end when dropped, or the run
    /// would never return.
    #[test]
    fn read_ahead_ends_when_dropped_before_the_files_are_taken() {
        let (_dir, inputs) = inputs(3 * AHEAD);
        let next = Arc::new(AtomicUsize::new(0));
        let ahead = ReadAhead::start(&inputs, &next);
        ahead.wake();
        drop(ahead);
        assert_eq!(next.load(Ordering::Relaxed), 0);
    }

    /// And it ends by itself once every chunk has been taken.
    #[test]
    fn read_ahead_ends_when_every_chunk_is_taken() {
        let (_dir, inputs) = inputs(CHUNK + 1);
        let next = Arc::new(AtomicUsize::new(0));
        let ahead = ReadAhead::start(&inputs, &next);
        next.store(2, Ordering::Relaxed);
        ahead.wake();
        let thread = ahead.thread.as_ref().unwrap();
        // (a bound on the wait, so that a thread that never ends fails the test, not hangs it)
        let waited = std::time::Instant::now();
        while !thread.is_finished() && waited.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(thread.is_finished());
    }
}
