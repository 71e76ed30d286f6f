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

/// One document's lines of the three outputs, serialised where it was processed (on a worker
/// thread), so the thread that writes only copies bytes.
#[derive(Debug, Default)]
pub struct Rendered {
    pub jsonl: Vec<u8>,
    pub mentions: Vec<u8>,
    pub documents: Vec<u8>,
}

impl Rendered {
    pub fn of(outcome: &Outcome) -> Result<Rendered, WriteError> {
        let mut r = Rendered::default();
        let mut mentions = csv::Writer::from_writer(Vec::new());
        let mut documents = csv::Writer::from_writer(Vec::new());
        match outcome {
            Outcome::Done(rec) => {
                serde_json::to_writer(&mut r.jsonl, rec)?;
                r.jsonl.push(b'\n');
                for m in &rec.mentions {
                    write_mention(&mut mentions, &rec.doc_id, m)?;
                }
                documents.write_record(document_row(rec))?;
            }
            Outcome::Failed {
                doc_id,
                bytes,
                error,
            } => {
                let bytes = bytes.to_string();
                let mut row = vec![doc_id.as_str(), "", "", &bytes, "error", error.as_str()];
                row.resize(DOCUMENT_COLUMNS.len(), "");
                documents.write_record(row)?;
            }
        }
        r.mentions = mentions
            .into_inner()
            .map_err(|e| WriteError::Csv(e.into_error().into()))?;
        r.documents = documents
            .into_inner()
            .map_err(|e| WriteError::Csv(e.into_error().into()))?;
        Ok(r)
    }
}

/// The three output files, open for writing.
pub struct Outputs {
    dir: PathBuf,
    jsonl: BufWriter<NamedTempFile>,
    mentions: BufWriter<NamedTempFile>,
    documents: BufWriter<NamedTempFile>,
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

fn header(columns: &[&str]) -> Result<Vec<u8>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns)?;
    w.into_inner()
        .map_err(|e| WriteError::Csv(e.into_error().into()))
}

impl Outputs {
    /// Creates the output folder if needed and opens temporary files in it.
    pub fn create(dir: &Path) -> Result<Outputs, WriteError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let temp = || -> Result<BufWriter<NamedTempFile>, WriteError> {
            let f = tempfile::Builder::new()
                .prefix(".gazette-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(io(dir))?;
            Ok(BufWriter::with_capacity(BUF, f))
        };
        let mut outputs = Outputs {
            dir: dir.to_path_buf(),
            jsonl: temp()?,
            mentions: temp()?,
            documents: temp()?,
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
        Ok(())
    }

    /// Serialises and appends one document.
    pub fn write(&mut self, outcome: &Outcome) -> Result<(), WriteError> {
        self.write_rendered(&Rendered::of(outcome)?)
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
            readable(file.as_file()).map_err(io(&target))?;
            file.persist(&target).map_err(|e| WriteError::Io {
                path: target.clone(),
                source: e.error,
            })?;
            Ok(())
        };
        persist(self.jsonl, "documents.jsonl")?;
        persist(self.mentions, "mentions.csv")?;
        persist(self.documents, "documents.csv")?;
        Ok(())
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Writes one `mentions.csv` row field by field: building a `Vec<String>` per mention was the
/// largest allocation cost of a run.
fn write_mention<W: Write>(
    w: &mut csv::Writer<W>,
    doc_id: &str,
    m: &Mention,
) -> Result<(), csv::Error> {
    let mut num = itoa::Buffer::new();
    w.write_field(doc_id)?;
    w.write_field(m.value.type_name())?;
    w.write_field(num.format(m.start))?;
    w.write_field(num.format(m.end))?;
    w.write_field(&m.text)?;
    let tf = |x: bool| if x { "true" } else { "false" };
    let empty = |w: &mut csv::Writer<W>, n: usize| -> Result<(), csv::Error> {
        for _ in 0..n {
            w.write_field("")?;
        }
        Ok(())
    };
    match &m.value {
        Value::Region(r) => {
            w.write_field(&*r.code)?;
            w.write_field(&*r.code)?;
            w.write_field(&*r.name)?;
            w.write_field(&*r.name_zh)?;
            w.write_field(r.level.as_str())?;
            w.write_field(&*r.province_code)?;
            w.write_field(&*r.matched_alias)?;
            w.write_field(tf(r.ambiguous))?;
            w.write_field(r.alternatives.join(";"))?;
            w.write_field(r.code_as_of.as_deref().unwrap_or(""))?;
            empty(w, 12)?;
        }
        Value::Date(d) => {
            w.write_field(&d.value)?;
            empty(w, 9)?;
            w.write_field(day(d.first_day))?;
            w.write_field(day(d.last_day))?;
            w.write_field(d.granularity.as_str())?;
            w.write_field(d.year_source.as_str())?;
            empty(w, 8)?;
        }
        Value::Money(x) => {
            w.write_field(m.value.display())?;
            empty(w, 13)?;
            w.write_field(&x.amount)?;
            w.write_field(x.amount_max.as_deref().unwrap_or(""))?;
            w.write_field(&x.currency)?;
            w.write_field(tf(x.approximate))?;
            w.write_field(x.qualifier.as_deref().unwrap_or(""))?;
            empty(w, 3)?;
        }
        Value::Agreement(a) => {
            w.write_field(m.value.display())?;
            empty(w, 18)?;
            w.write_field(num.format(a.count))?;
            w.write_field(a.kind.as_str())?;
            w.write_field(&a.label)?;
        }
    }
    w.write_record(None::<&[u8]>)
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
