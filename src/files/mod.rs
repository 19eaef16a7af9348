//! File I/O for every stage that touches the file system (the loader, the embedded assets'
//! overrides, import, the commands' outputs), below all of them: what may be read, how
//! much (bytes, and a YAML text's nesting), and how an output is written.

mod git;
mod read;
mod source;
mod temp;
mod write;
mod yaml;

pub use git::{GitError, case_at_revision};
pub use read::{
    MAX_FILE_BYTES, ReadFailure, io_reason, kind_of, open_regular, read_bytes, read_text,
};
pub use source::{Disk, FileSource, MemoryFile, MemoryFiles};
pub use temp::{TempDir, clean_up_on_signal, interrupt_ends_cleanly};
pub use write::{WriteError, absolute, write_atomically, write_folder_atomically};
pub use yaml::{TooDeep, from_yaml, too_deep};
