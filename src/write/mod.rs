//! Write: stream records to `documents.jsonl`, `mentions.csv` and `documents.csv`.
//!
//! [`Outputs`] opens a temporary file beside each target in the output folder and renames it
//! over the target only in [`Outputs::finish`], after everything was written and flushed. A run
//! that dies half-way leaves the previous outputs as they were and no partial file behind (the
//! temporary files are removed when dropped). Records are written in the order they are given;
//! the caller gives them sorted by `doc_id`.
//!
//! CSV columns (one row per mention; empty where a field does not apply):
//! `doc_id,type,start,end,text,value,code,name,name_zh,level,province_code,matched_alias,
//! ambiguous,alternatives,code_as_of,first_day,last_day,granularity,year_source,amount,
//! amount_max,currency,approximate,qualifier,count,kind,label`.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Mention, Value};

pub mod rows;
mod sink;

use sink::Sink;

/// One line of `documents.jsonl`: a document and its mentions, sorted by position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub bytes: usize,
    pub mentions: Vec<Mention>,
}

/// What became of one input file.
#[derive(Debug)]
pub enum Outcome {
    Done(DocumentRecord),
    Failed {
        doc_id: String,
        bytes: usize,
        error: String,
    },
}

impl Outcome {
    pub fn doc_id(&self) -> &str {
        match self {
            Outcome::Done(r) => &r.doc_id,
            Outcome::Failed { doc_id, .. } => doc_id,
        }
    }
}

pub const MENTION_COLUMNS: &[&str] = &[
    "doc_id",
    "type",
    "start",
    "end",
    "text",
    "value",
    "code",
    "name",
    "name_zh",
    "level",
    "province_code",
    "matched_alias",
    "ambiguous",
    "alternatives",
    "code_as_of",
    "first_day",
    "last_day",
    "granularity",
    "year_source",
    "amount",
    "amount_max",
    "currency",
    "approximate",
    "qualifier",
    "count",
    "kind",
    "label",
];

pub const DOCUMENT_COLUMNS: &[&str] = &[
    "doc_id",
    "title",
    "published",
    "bytes",
    "status",
    "error",
    "regions",
    "region_codes",
    "regions_n",
    "dates_n",
    "money_n",
    "agreement_counts_n",
];

/// The lines of the three outputs for one document or a run of documents, serialised where
/// they were processed (on a worker thread), so the thread that writes only hands whole buffers
/// to the files.
#[derive(Debug, Default)]
pub struct Rendered {
    pub jsonl: Vec<u8>,
    pub mentions: Vec<u8>,
    pub documents: Vec<u8>,
    /// Region fields rendered so far, kept with the buffers from chunk to chunk.
    regions: rows::RegionFields,
}

impl Rendered {
    pub fn of(outcome: &Outcome) -> Result<Rendered, WriteError> {
        let mut r = Rendered::default();
        r.append(outcome)?;
        Ok(r)
    }

    /// The same buffers, empty, keeping their capacity for the next chunk.
    pub fn emptied(mut self) -> Rendered {
        self.jsonl.clear();
        self.mentions.clear();
        self.documents.clear();
        self
    }

    /// Appends one document's lines.
    pub fn append(&mut self, outcome: &Outcome) -> Result<(), WriteError> {
        match outcome {
            Outcome::Done(rec) => {
                // Sized from the output of the synthetic corpus, so a document is written
                // without the buffers growing on the way.
                self.jsonl.reserve(256 + 320 * rec.mentions.len());
                self.mentions.reserve(160 * rec.mentions.len());
                rows::json_document(&mut self.jsonl, rec, &mut self.regions);
                for m in &rec.mentions {
                    rows::csv_mention(&mut self.mentions, &rec.doc_id, m, &mut self.regions);
                }
                rows::csv_row(&mut self.documents, &document_row(rec));
            }
            Outcome::Failed {
                doc_id,
                bytes,
                error,
            } => {
                let bytes = bytes.to_string();
                let mut row = vec![doc_id.as_str(), "", "", &bytes, "error", error.as_str()];
                row.resize(DOCUMENT_COLUMNS.len(), "");
                rows::csv_row(&mut self.documents, &row);
            }
        }
        Ok(())
    }
}

/// The three output files, open for writing.
pub struct Outputs {
    dir: PathBuf,
    jsonl: Sink,
    mentions: Sink,
    documents: Sink,
    /// Bytes written since the last flush to disk was started.
    unsynced: usize,
    /// A flush to disk running in the background, if any.
    syncing: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

/// Every this many bytes written, the files are flushed to disk in the background, so the disk
/// writes the output while the workers extract, instead of all of it at the end (a run writes
/// four to seven bytes per byte read; the final flush of a 10k-article run's 225 MB took 0.3 s
/// of its 2 s, with the cores idle).
const SYNC_EVERY: usize = 32 << 20;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn header(columns: &[&str]) -> Result<Vec<u8>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns)?;
    w.into_inner()
        .map_err(|e| WriteError::Csv(e.into_error().into()))
}

impl Outputs {
    /// Creates the output folder if needed and opens temporary files in it.
    pub fn create(dir: &Path) -> Result<Outputs, WriteError> {
        Outputs::create_with(dir, true)
    }

    /// [`Outputs::create`], choosing whether the files may be written past the page cache
    /// (`direct`, see `sink.rs`; tests compare both ways).
    pub fn create_with(dir: &Path, direct: bool) -> Result<Outputs, WriteError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let temp = || -> Result<Sink, WriteError> {
            let f = tempfile::Builder::new()
                .prefix(".gazette-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(io(dir))?;
            Ok(Sink::new(f, direct))
        };
        let mut outputs = Outputs {
            dir: dir.to_path_buf(),
            jsonl: temp()?,
            mentions: temp()?,
            documents: temp()?,
            unsynced: 0,
            syncing: None,
        };
        let m = header(MENTION_COLUMNS)?;
        outputs.mentions.write_all(&m).map_err(io(dir))?;
        let d = header(DOCUMENT_COLUMNS)?;
        outputs.documents.write_all(&d).map_err(io(dir))?;
        Ok(outputs)
    }

    /// Appends one document's pre-serialised lines.
    pub fn write_rendered(&mut self, r: &Rendered) -> Result<(), WriteError> {
        let dir = &self.dir;
        self.jsonl.write_all(&r.jsonl).map_err(io(dir))?;
        self.mentions.write_all(&r.mentions).map_err(io(dir))?;
        self.documents.write_all(&r.documents).map_err(io(dir))?;
        let sinks = [&self.jsonl, &self.mentions, &self.documents];
        // Direct writes leave nothing in the page cache to flush.
        if sinks.iter().all(|s| s.is_direct()) {
            return Ok(());
        }
        self.unsynced += r.jsonl.len() + r.mentions.len() + r.documents.len();
        if self.unsynced >= SYNC_EVERY && self.syncing.as_ref().is_none_or(|h| h.is_finished()) {
            self.sync_in_background()?;
        }
        Ok(())
    }

    /// Waits for the background flush, if one is running, and reports its error.
    fn wait_for_sync(&mut self) -> Result<(), WriteError> {
        match self.syncing.take() {
            Some(h) => h
                .join()
                .expect("syncing does not panic")
                .map_err(io(&self.dir)),
            None => Ok(()),
        }
    }

    /// Hands what has been written so far to the disk, on another thread.
    fn sync_in_background(&mut self) -> Result<(), WriteError> {
        self.wait_for_sync()?;
        let dir = &self.dir;
        let mut files = Vec::new();
        for w in [&self.jsonl, &self.mentions, &self.documents] {
            files.push(w.file().try_clone().map_err(io(dir))?);
        }
        self.syncing = Some(std::thread::spawn(move || {
            files.iter().try_for_each(std::fs::File::sync_data)
        }));
        self.unsynced = 0;
        Ok(())
    }

    /// Flushes everything to disk, then renames the temporary files over the targets: an error
    /// on any file leaves all three targets as they were.
    pub fn finish(mut self) -> Result<(), WriteError> {
        self.wait_for_sync()?;
        let dir = &self.dir;
        let sync = |w: Sink, name: &str| {
            let target = dir.join(name);
            let file = w.finish().map_err(io(&target))?;
            file.as_file().sync_all().map_err(io(&target))?;
            readable(file.as_file()).map_err(io(&target))?;
            Ok::<_, WriteError>((file, target))
        };
        let synced = [
            sync(self.jsonl, "documents.jsonl")?,
            sync(self.mentions, "mentions.csv")?,
            sync(self.documents, "documents.csv")?,
        ];
        for (file, target) in synced {
            file.persist(&target).map_err(|e| WriteError::Io {
                path: target.clone(),
                source: e.error,
            })?;
        }
        Ok(())
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One `documents.csv` row for a processed document.
pub fn document_row(rec: &DocumentRecord) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    let mut n = [0usize; 4];
    for m in &rec.mentions {
        match &m.value {
            Value::Region(r) => {
                n[0] += 1;
                if !codes.contains(&&*r.code) {
                    codes.push(&r.code);
                    names.push(&r.name);
                }
            }
            Value::Date(_) => n[1] += 1,
            Value::Money(_) => n[2] += 1,
            Value::Agreement(_) => n[3] += 1,
        }
    }
    vec![
        rec.doc_id.clone(),
        rec.title.clone().unwrap_or_default(),
        day(rec.published),
        rec.bytes.to_string(),
        "ok".to_string(),
        String::new(),
        names.join("; "),
        codes.join(";"),
        n[0].to_string(),
        n[1].to_string(),
        n[2].to_string(),
        n[3].to_string(),
    ]
}

/// Writes a whole file or nothing: a temporary file beside `path`, renamed over it.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".gazette-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    file.write_all(bytes).map_err(io(path))?;
    file.as_file().sync_all().map_err(io(path))?;
    readable(file.as_file()).map_err(io(path))?;
    file.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// Temporary files are created private (0600); outputs are ordinary files others may read.
fn readable(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More output than `SYNC_EVERY`, so that flushes run in the background while writing goes
    /// on (through the page cache), or many direct writes: the files hold every byte, in order.
    #[test]
    fn background_flushes_keep_every_byte_in_order() {
        for direct in [false, true] {
            every_byte_in_order(direct);
        }
    }

    fn every_byte_in_order(direct: bool) {
        let dir = tempfile::tempdir().unwrap();
        let mut outputs = Outputs::create_with(dir.path(), direct).unwrap();
        let mut expected = Vec::new();
        for i in 0..(3 * SYNC_EVERY / 100_000 + 1) {
            let line = format!("{i:08}{}\n", "x".repeat(100_000 - 9));
            expected.extend_from_slice(line.as_bytes());
            let r = Rendered {
                jsonl: line.into_bytes(),
                ..Rendered::default()
            };
            outputs.write_rendered(&r).unwrap();
        }
        outputs.finish().unwrap();
        let written = std::fs::read(dir.path().join("documents.jsonl")).unwrap();
        assert_eq!(written.len(), expected.len());
        assert!(written == expected, "the bytes differ");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0, "no temporary file is left");
    }
}
