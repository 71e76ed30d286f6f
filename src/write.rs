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

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tempfile::NamedTempFile;

use crate::model::{Mention, Value};

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

/// The three output files, open for writing.
pub struct Outputs {
    dir: PathBuf,
    jsonl: BufWriter<NamedTempFile>,
    mentions: csv::Writer<BufWriter<NamedTempFile>>,
    documents: csv::Writer<BufWriter<NamedTempFile>>,
}

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

const BUF: usize = 1 << 16;

impl Outputs {
    /// Creates the output folder if needed and opens temporary files in it.
    pub fn create(dir: &Path) -> Result<Outputs, WriteError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let temp = || {
            tempfile::Builder::new()
                .prefix(".gazette-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(io(dir))
        };
        let jsonl = BufWriter::with_capacity(BUF, temp()?);
        let mut mentions = csv::Writer::from_writer(BufWriter::with_capacity(BUF, temp()?));
        mentions.write_record(MENTION_COLUMNS)?;
        let mut documents = csv::Writer::from_writer(BufWriter::with_capacity(BUF, temp()?));
        documents.write_record(DOCUMENT_COLUMNS)?;
        Ok(Outputs {
            dir: dir.to_path_buf(),
            jsonl,
            mentions,
            documents,
        })
    }

    pub fn write(&mut self, outcome: &Outcome) -> Result<(), WriteError> {
        match outcome {
            Outcome::Done(rec) => {
                serde_json::to_writer(&mut self.jsonl, rec)?;
                self.jsonl.write_all(b"\n").map_err(io(&self.dir))?;
                for m in &rec.mentions {
                    self.mentions.write_record(mention_row(&rec.doc_id, m))?;
                }
                self.documents.write_record(document_row(rec))?;
            }
            Outcome::Failed {
                doc_id,
                bytes,
                error,
            } => {
                let bytes = bytes.to_string();
                let mut row = vec![doc_id.as_str(), "", "", &bytes, "error", error.as_str()];
                row.resize(DOCUMENT_COLUMNS.len(), "");
                self.documents.write_record(row)?;
            }
        }
        Ok(())
    }

    /// Flushes everything and renames the temporary files over the targets.
    pub fn finish(self) -> Result<(), WriteError> {
        let persist = |w: BufWriter<NamedTempFile>, name: &str| -> Result<(), WriteError> {
            let target = self.dir.join(name);
            let file = w.into_inner().map_err(|e| WriteError::Io {
                path: target.clone(),
                source: e.into_error(),
            })?;
            file.as_file().sync_all().map_err(io(&target))?;
            file.persist(&target).map_err(|e| WriteError::Io {
                path: target.clone(),
                source: e.error,
            })?;
            Ok(())
        };
        let mentions = self.mentions.into_inner().map_err(|e| WriteError::Io {
            path: self.dir.join("mentions.csv"),
            source: std::io::Error::other(e.to_string()),
        })?;
        let documents = self.documents.into_inner().map_err(|e| WriteError::Io {
            path: self.dir.join("documents.csv"),
            source: std::io::Error::other(e.to_string()),
        })?;
        persist(self.jsonl, "documents.jsonl")?;
        persist(mentions, "mentions.csv")?;
        persist(documents, "documents.csv")?;
        Ok(())
    }
}

fn b(x: bool) -> String {
    if x { "true" } else { "false" }.to_string()
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One `mentions.csv` row, in `MENTION_COLUMNS` order.
pub fn mention_row(doc_id: &str, m: &Mention) -> Vec<String> {
    let mut row = vec![String::new(); MENTION_COLUMNS.len()];
    row[0] = doc_id.to_string();
    row[1] = m.value.type_name().to_string();
    row[2] = m.start.to_string();
    row[3] = m.end.to_string();
    row[4] = m.text.clone();
    row[5] = m.value.display();
    match &m.value {
        Value::Region(r) => {
            row[6] = r.code.clone();
            row[7] = r.name.clone();
            row[8] = r.name_zh.clone();
            row[9] = r.level.as_str().to_string();
            row[10] = r.province_code.clone();
            row[11] = r.matched_alias.clone();
            row[12] = b(r.ambiguous);
            row[13] = r.alternatives.join(";");
            row[14] = r.code_as_of.clone().unwrap_or_default();
        }
        Value::Date(d) => {
            row[15] = day(d.first_day);
            row[16] = day(d.last_day);
            row[17] = d.granularity.as_str().to_string();
            row[18] = d.year_source.as_str().to_string();
        }
        Value::Money(x) => {
            row[19] = x.amount.clone();
            row[20] = x.amount_max.clone().unwrap_or_default();
            row[21] = x.currency.clone();
            row[22] = b(x.approximate);
            row[23] = x.qualifier.clone().unwrap_or_default();
        }
        Value::Agreement(a) => {
            row[24] = a.count.to_string();
            row[25] = a.kind.as_str().to_string();
            row[26] = a.label.clone();
        }
    }
    row
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
                if !codes.contains(&r.code.as_str()) {
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
    file.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}
