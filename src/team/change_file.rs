//! A change file: what one laptop changed since its previous file, added to
//! the team folder as `changes/<device>/<sequence>.json.gz` and never
//! replaced. Reading one checks everything the name and the content claim
//! before anything of it is applied: a garbled, truncated, oversized or
//! misplaced file is refused whole, in words.

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::webdav::is_our_name;
use crate::error::{Error, Result, TeamProblem};

/// The format this version writes and reads.
pub const FORMAT: u32 = 1;
/// The most a change file may hold unpacked: far beyond a day's changes,
/// far below what would exhaust the laptop (a packed bomb stops here).
const UNPACKED_MAX: u64 = 64 * 1024 * 1024;
const SUFFIX: &str = ".json.gz";

/// One laptop's changes since its previous file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeFile<Op> {
    pub format: u32,
    /// The laptop that wrote it; also the folder it lies in.
    pub device: String,
    /// Its place in that laptop's row of files, from 1; also its name.
    pub sequence: u64,
    pub ops: Vec<Op>,
}

fn garbled(what: &str, why: impl std::fmt::Display) -> Error {
    Error::Team {
        problem: TeamProblem::Garbled,
        detail: format!("{what}: {why}"),
    }
}

impl<Op: Serialize + DeserializeOwned> ChangeFile<Op> {
    /// The file's name in its device's folder: the sequence, zero-padded so
    /// that the server's listing sorts as the laptop wrote them.
    pub fn name(sequence: u64) -> String {
        format!("{sequence:012}{SUFFIX}")
    }

    /// The sequence a name of ours stands for; None for any other name.
    pub fn sequence_of(name: &str) -> Option<u64> {
        let digits = name.strip_suffix(SUFFIX)?;
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|&n| n > 0)
    }

    /// The file's bytes: gzip over JSON.
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        serde_json::to_writer(&mut packed, self)?;
        packed.flush()?;
        Ok(packed.finish()?)
    }

    /// Reads the file found at `changes/<device>/<name>`, checking that it
    /// is whole, of a format this version knows, and says of itself what
    /// its place says.
    pub fn decode(device: &str, name: &str, bytes: &[u8]) -> Result<ChangeFile<Op>> {
        let place = format!("changes/{device}/{name}");
        if !is_our_name(device) {
            return Err(garbled(&place, "not a device folder of ours"));
        }
        let sequence =
            Self::sequence_of(name).ok_or_else(|| garbled(&place, "not a change file's name"))?;
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(UNPACKED_MAX + 1)
            .read_to_end(&mut unpacked)
            .map_err(|e| garbled(&place, format!("not whole: {e}")))?;
        if unpacked.len() as u64 > UNPACKED_MAX {
            return Err(garbled(&place, "larger than 64 MB unpacked"));
        }
        // The format first: a newer version's file is named as such, not as garbled JSON.
        #[derive(Deserialize)]
        struct Head {
            format: u32,
        }
        let head: Head = serde_json::from_slice(&unpacked)
            .map_err(|e| garbled(&place, format!("not a change file: {e}")))?;
        if head.format != FORMAT {
            return Err(garbled(
                &place,
                format!(
                    "format {} (this version reads {FORMAT}): update Wandzeitung",
                    head.format
                ),
            ));
        }
        let file: ChangeFile<Op> = serde_json::from_slice(&unpacked)
            .map_err(|e| garbled(&place, format!("not a change file: {e}")))?;
        if file.device != device || file.sequence != sequence {
            return Err(garbled(
                &place,
                format!(
                    "it says it is {}/{}",
                    file.device,
                    Self::name(file.sequence)
                ),
            ));
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "op", rename_all = "snake_case")]
    enum Op {
        SetOwner { challenge: String, owner: String },
    }

    fn file(sequence: u64) -> ChangeFile<Op> {
        ChangeFile {
            format: FORMAT,
            device: "laptop-a".into(),
            sequence,
            ops: vec![Op::SetOwner {
                challenge: "c1".into(),
                owner: "Amt für Soziales – Frau Öztürk".into(),
            }],
        }
    }

    fn refusal(result: Result<ChangeFile<Op>>) -> String {
        match result {
            Err(Error::Team {
                problem: TeamProblem::Garbled,
                detail,
            }) => detail,
            other => panic!("expected a garbled file, got {other:?}"),
        }
    }

    #[test]
    fn a_change_file_comes_back_as_written_and_sorts_by_its_name() {
        let bytes = file(7).encode().unwrap();
        let name = ChangeFile::<Op>::name(7);
        assert_eq!(name, "000000000007.json.gz");
        assert_eq!(
            ChangeFile::<Op>::decode("laptop-a", &name, &bytes).unwrap(),
            file(7)
        );
        assert!(ChangeFile::<Op>::name(9) < ChangeFile::<Op>::name(10));
        for other in [
            "7.json.gz",
            "000000000000.json.gz",
            "00000000000x.json.gz",
            "../000000000001.json.gz",
            "000000000001.json",
        ] {
            assert_eq!(ChangeFile::<Op>::sequence_of(other), None, "{other}");
        }
    }

    #[test]
    fn a_truncated_garbled_misplaced_or_newer_file_is_refused_whole_in_words() {
        let bytes = file(3).encode().unwrap();
        let name = ChangeFile::<Op>::name(3);
        let truncated = &bytes[..bytes.len() - 9];
        assert!(refusal(ChangeFile::decode("laptop-a", &name, truncated)).contains("not whole"));
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0xff;
        refusal(ChangeFile::decode("laptop-a", &name, &flipped));
        assert!(
            refusal(ChangeFile::decode("laptop-a", &name, b"{\"format\":1}")).contains("not whole")
        );
        assert!(refusal(ChangeFile::decode("laptop-b", &name, &bytes))
            .contains("it says it is laptop-a"));
        assert!(refusal(ChangeFile::decode(
            "laptop-a",
            &ChangeFile::<Op>::name(4),
            &bytes
        ))
        .contains("it says it is"));
        assert!(refusal(ChangeFile::decode("../x", &name, &bytes)).contains("not a device folder"));

        let mut newer = file(3);
        newer.format = 2;
        let detail = refusal(ChangeFile::decode(
            "laptop-a",
            &name,
            &newer.encode().unwrap(),
        ));
        assert!(detail.contains("format 2"), "{detail}");

        let not_ours = {
            let mut packed =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            packed
                .write_all(
                    br#"{"format":1,"device":"laptop-a","sequence":3,"ops":[{"op":"drop_table"}]}"#,
                )
                .unwrap();
            packed.finish().unwrap()
        };
        assert!(
            refusal(ChangeFile::decode("laptop-a", &name, &not_ours)).contains("not a change file")
        );
    }

    #[test]
    fn a_packed_bomb_stops_at_the_bound() {
        // 100 MB of one byte packs into about 100 KB.
        let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..100 {
            packed.write_all(&zeros).unwrap();
        }
        let bomb = packed.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        assert!(refusal(ChangeFile::decode(
            "laptop-a",
            &ChangeFile::<Op>::name(1),
            &bomb
        ))
        .contains("64 MB"));
    }
}
