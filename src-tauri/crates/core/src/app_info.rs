//! Facts about this installation of Jiffy, shown in Settings → About and in bug reports.

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Version, platform and the folders Jiffy uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// Product name, "Jiffy".
    pub name: String,
    /// The application's version (semver).
    pub version: String,
    /// Operating system family, e.g. "linux", "macos", "windows".
    pub os: String,
    /// CPU architecture, e.g. "x86_64".
    pub arch: String,
    /// Where connection profiles and settings live.
    pub config_dir: String,
    /// Where caches, drafts and other data live.
    pub data_dir: String,
}

impl AppInfo {
    /// Describes this installation given the app's version and its two folders.
    pub fn new(version: &str, config_dir: &Path, data_dir: &Path) -> Self {
        AppInfo {
            name: "Jiffy".to_owned(),
            version: version.to_owned(),
            os: std::env::consts::OS.to_owned(),
            arch: std::env::consts::ARCH.to_owned(),
            config_dir: config_dir.display().to_string(),
            data_dir: data_dir.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_this_platform_and_folders() {
        let info = AppInfo::new("1.2.3", Path::new("/cfg/jiffy"), Path::new("/data/jiffy"));
        assert_eq!(info.version, "1.2.3");
        assert_eq!(info.os, std::env::consts::OS);
        assert_eq!(info.config_dir, "/cfg/jiffy");
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["dataDir"], "/data/jiffy");
    }
}
