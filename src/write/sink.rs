//! One output file being written: whole aligned blocks straight to the disk (`O_DIRECT`) where
//! the file system takes them, ordinary buffered writes where it does not.
//!
//! Why: a run writes four to eight bytes per byte it reads (2.1 GB for the 280 MB of the 100k
//! benchmark corpus), and copying that into the page cache was the largest single cost of a
//! 2-thread run after extraction itself: `copy_folio_from_iter_atomic` took 15.1% of all
//! samples of one (`perf record -a`), on the cores the workers share, and then the kernel wrote
//! the same pages out again. With `O_DIRECT` the disk reads the blocks from this buffer, and the
//! writing thread waits on the disk instead of spending a core.
//!
//! The bytes that reach the file are the same either way. A block-aligned file holds the data
//! padded with zeros to a whole block at the end; [`Sink::finish`] cuts it to its length.

use std::fs::File;
use std::io::Write;

use tempfile::NamedTempFile;

/// The block size `O_DIRECT` writes are aligned to (in memory, in the file and in length): a
/// multiple of every logical block size in use (512 and 4096).
const ALIGN: usize = 4096;

/// How much a sink gathers before it writes: large enough that the disk streams, small enough
/// for three of them to add little to the peak memory.
const CAPACITY: usize = 1 << 20;

/// A heap buffer aligned to [`ALIGN`], as `O_DIRECT` needs.
struct Aligned {
    ptr: std::ptr::NonNull<u8>,
}

// The buffer is owned memory like a `Vec<u8>`'s.
unsafe impl Send for Aligned {}

impl Aligned {
    fn layout() -> std::alloc::Layout {
        std::alloc::Layout::from_size_align(CAPACITY, ALIGN).expect("a valid layout")
    }

    fn new() -> Aligned {
        let layout = Aligned::layout();
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { std::alloc::alloc_zeroed(layout) };
        let ptr =
            std::ptr::NonNull::new(raw).unwrap_or_else(|| std::alloc::handle_alloc_error(layout));
        Aligned { ptr }
    }

    fn bytes(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` points to CAPACITY initialised (zeroed, then written) bytes we own.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), CAPACITY) }
    }
}

impl Drop for Aligned {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.ptr.as_ptr(), Aligned::layout()) }
    }
}

/// A temporary output file and the bytes not yet written to it.
pub struct Sink {
    file: NamedTempFile,
    buf: Aligned,
    /// Bytes in `buf`.
    len: usize,
    /// Bytes given so far: the file's length once finished.
    total: u64,
    /// Whether writes bypass the page cache (see the module doc).
    direct: bool,
}

impl Sink {
    /// A sink over `file`, writing directly to the disk when `direct` is asked and the file
    /// system allows it.
    pub fn new(file: NamedTempFile, direct: bool) -> Sink {
        let direct = direct && set_direct(file.as_file(), true).is_ok();
        Sink {
            file,
            buf: Aligned::new(),
            len: 0,
            total: 0,
            direct,
        }
    }

    /// Whether the data goes to the disk without the page cache (then nothing is left for a
    /// flush to write but the file's metadata).
    pub fn is_direct(&self) -> bool {
        self.direct
    }

    pub fn write_all(&mut self, mut data: &[u8]) -> std::io::Result<()> {
        self.total += data.len() as u64;
        while !data.is_empty() {
            let n = (CAPACITY - self.len).min(data.len());
            let len = self.len;
            self.buf.bytes()[len..len + n].copy_from_slice(&data[..n]);
            self.len += n;
            data = &data[n..];
            if self.len == CAPACITY {
                self.write_out(CAPACITY)?;
                self.len = 0;
            }
        }
        Ok(())
    }

    /// Writes what is buffered and hands the file back, its length exactly the bytes given.
    pub fn finish(mut self) -> std::io::Result<NamedTempFile> {
        if self.len > 0 {
            // A direct write must be whole blocks: the last one is padded with zeros, which
            // `set_len` below cuts off again.
            let end = match self.direct {
                true => self.len.div_ceil(ALIGN) * ALIGN,
                false => self.len,
            };
            let len = self.len;
            self.buf.bytes()[len..end].fill(0);
            self.write_out(end)?;
        }
        // (also after a fall back to buffered writes during that last, padded write)
        self.file.as_file().set_len(self.total)?;
        Ok(self.file)
    }

    /// Writes the first `n` buffered bytes (whole blocks when direct).
    fn write_out(&mut self, n: usize) -> std::io::Result<()> {
        let Sink {
            file, buf, direct, ..
        } = self;
        let data = &buf.bytes()[..n];
        let mut done = 0;
        while done < n {
            match file.as_file().write(&data[done..]) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(k) => done += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // The file system refused a direct write after all: the rest goes through the
                // page cache. A refused write wrote nothing, so nothing is lost or doubled.
                // (EINVAL)
                Err(e) if *direct && e.kind() == std::io::ErrorKind::InvalidInput => {
                    *direct = false;
                    set_direct(file.as_file(), false)?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The file, for flushing to disk.
    pub fn file(&self) -> &File {
        self.file.as_file()
    }
}

/// Turns `O_DIRECT` on or off for an open file.
#[cfg(target_os = "linux")]
fn set_direct(file: &File, on: bool) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor we own, with integer arguments only.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let flags = match on {
        true => flags | libc::O_DIRECT,
        false => flags & !libc::O_DIRECT,
    };
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Elsewhere, ordinary writes only.
#[cfg(not(target_os = "linux"))]
fn set_direct(_file: &File, on: bool) -> std::io::Result<()> {
    match on {
        true => Err(std::io::Error::from(std::io::ErrorKind::Unsupported)),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lengths around the block and buffer sizes, written in pieces of awkward sizes, direct
    /// and through the page cache: the file holds exactly the bytes given.
    #[test]
    fn every_byte_in_order_direct_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let lengths = [
            0,
            1,
            ALIGN - 1,
            ALIGN,
            ALIGN + 1,
            CAPACITY - 1,
            CAPACITY,
            CAPACITY + 1,
            3 * CAPACITY + 12_345,
        ];
        for direct in [true, false] {
            for &n in &lengths {
                let data: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
                let mut sink = Sink::new(NamedTempFile::new_in(dir.path()).unwrap(), direct);
                for piece in data.chunks(999_983) {
                    // pieces of prime length, themselves cut once more
                    let (a, b) = piece.split_at(piece.len() / 3);
                    sink.write_all(a).unwrap();
                    sink.write_all(b).unwrap();
                }
                let file = sink.finish().unwrap();
                let written = std::fs::read(file.path()).unwrap();
                assert_eq!(written.len(), n, "length, direct {direct}");
                assert!(written == data, "bytes, direct {direct}, length {n}");
            }
        }
    }

    /// A direct write the file system refuses (here: a length that is not whole blocks, which
    /// Linux refuses with EINVAL) switches the file to buffered writes, losing and doubling
    /// nothing.
    #[test]
    fn a_refused_direct_write_falls_back_to_buffered() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Sink::new(NamedTempFile::new_in(dir.path()).unwrap(), true);
        if !sink.is_direct() {
            return; // this file system takes no direct writes at all: nothing to fall back from
        }
        let data: Vec<u8> = (0..ALIGN + 100).map(|i| (i % 251) as u8).collect();
        sink.write_all(&data).unwrap();
        // whole blocks first, then a refused odd-length direct write
        sink.write_out(ALIGN).unwrap();
        assert!(sink.is_direct());
        let len = sink.len;
        sink.buf.bytes().copy_within(ALIGN..len, 0);
        sink.len = len - ALIGN;
        sink.write_out(100).unwrap();
        assert!(!sink.is_direct(), "the odd-length write fell back");
        sink.len = 0;
        sink.write_all(b"tail").unwrap();
        let file = sink.finish().unwrap();
        let mut expected = data;
        expected.extend_from_slice(b"tail");
        assert!(std::fs::read(file.path()).unwrap() == expected);
    }
}
