//! Reading a file the tool was told to read: only a regular file, never more than a cap,
//! and (for text) only UTF-8. Nothing here blocks on a FIFO or a device.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// No case file may be larger (the format's limit; checked before parsing). Methodology
/// and template files that are parsed get the same cap.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read at all (the caller decides the code and the place).
#[derive(Debug)]
pub enum ReadFailure {
    Io(std::io::Error),
    /// Not a regular file (a FIFO, a socket, a device, a folder): what it is instead.
    NotRegular(&'static str),
    TooLarge(u64),
    /// Not UTF-8: the text as far as it can be shown, and where the first bad byte is.
    NotUtf8 {
        lossy: String,
        line: u32,
        column: u32,
    },
}

impl From<std::io::Error> for ReadFailure {
    fn from(e: std::io::Error) -> Self {
        ReadFailure::Io(e)
    }
}

impl ReadFailure {
    /// The text to keep for snippets, and the place to point at.
    pub fn place(&self) -> Option<(&str, u32, u32)> {
        match self {
            ReadFailure::NotUtf8 {
                lossy,
                line,
                column,
            } => Some((lossy, *line, *column)),
            _ => None,
        }
    }

    /// The reason, without the file's name (the caller names it).
    pub fn describe(&self) -> String {
        match self {
            ReadFailure::Io(e) => format!("cannot read the file: {}", io_reason(e)),
            ReadFailure::NotRegular(what) => format!("it is {what}, not a regular file"),
            ReadFailure::TooLarge(size) => format!(
                "the file is {:.1} MiB; a file may be at most 16 MiB",
                *size as f64 / (1024.0 * 1024.0)
            ),
            ReadFailure::NotUtf8 { .. } => "the file is not UTF-8 text".to_owned(),
        }
    }

    /// The reason in a phrase that follows "cannot read FILE: ".
    pub fn reason(&self) -> String {
        match self {
            ReadFailure::Io(e) => io_reason(e),
            other => other.describe(),
        }
    }
}

/// The I/O error's reason without the OS's error number.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        _ => {
            let text = e.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_owned()
        }
    }
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Opens `path` (following links) for reading if it is a regular file. Opening a FIFO
/// blocks until someone writes to it, and a device may never end: both are refused by
/// their metadata before opening, and, since the path may be swapped between that look
/// and the open, opened without blocking and checked again on the open file.
pub fn open_regular(path: &Path) -> Result<File, ReadFailure> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(ReadFailure::NotRegular(kind_of(metadata.file_type())));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // For a regular file O_NONBLOCK changes nothing; for a FIFO it makes open return.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadFailure::NotRegular(kind_of(metadata.file_type())));
    }
    Ok(file)
}

/// A regular file's bytes, refused when over `cap` (checked before reading, and again
/// while reading: the file may grow in between).
pub fn read_bytes(path: &Path, cap: u64) -> Result<Vec<u8>, ReadFailure> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > cap {
        return Err(ReadFailure::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadFailure::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A regular file's text, refusing files over [`MAX_FILE_BYTES`] and non-UTF-8 files
/// before anything parses them.
pub fn read_text(path: &Path) -> Result<String, ReadFailure> {
    utf8(read_bytes(path, MAX_FILE_BYTES)?)
}

/// A file's bytes as text, or where the first byte that is not UTF-8 is.
pub(super) fn utf8(bytes: Vec<u8>) -> Result<String, ReadFailure> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("prefix is valid");
        let line = valid.matches('\n').count() as u32 + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        ReadFailure::NotUtf8 {
            lossy,
            line,
            column,
        }
    })
}
