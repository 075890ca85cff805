//! Tidy checks: the pure core never touches the terminal, the file system or the process
//! environment; only the edges (commands, fsio, tui) do.

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")).flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sources(&p.to_string_lossy()));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap_or_default()));
        }
    }
    out
}

#[test]
fn the_core_is_pure() {
    let banned = ["crossterm", "ratatui", "std::fs", "std::io", "std::env", "println!", "eprintln!", "std::process"];
    let mut pure = sources("src/form");
    for f in ["src/i18n.rs", "src/text.rs", "src/present.rs", "src/paths.rs"] {
        pure.push((f.to_string(), std::fs::read_to_string(f).unwrap_or_default()));
    }
    for extra in ["src/wizard", "src/ui", "src/keymap.rs"] {
        if std::path::Path::new(extra).is_dir() {
            pure.extend(sources(extra));
        } else if std::path::Path::new(extra).exists() {
            pure.push((extra.to_string(), std::fs::read_to_string(extra).unwrap_or_default()));
        }
    }
    let mut bad = Vec::new();
    for (path, text) in &pure {
        for b in banned {
            // The wizard state may hold a textarea (plain data) and ui renders with ratatui.
            let allowed = b == "ratatui" && (path.contains("src/ui") || path.contains("src/wizard"));
            if text.contains(b) && !allowed {
                bad.push(format!("{path}: {b}"));
            }
        }
    }
    assert!(bad.is_empty(), "impure core: {bad:?}");
}

#[test]
fn the_form_core_imports_nothing_from_the_layers_above_it() {
    let above = [
        "crate::wizard",
        "crate::ui",
        "crate::tui",
        "crate::fsio",
        "crate::plain",
        "crate::commands",
        "crate::keymap",
        "crate::frugal",
        "crate::present",
        "crate::cli",
        "crate::manual",
        "crate::paths",
        "crate::exit",
    ];
    let mut bad = Vec::new();
    for (path, text) in sources("src/form") {
        for a in above {
            if text.contains(a) {
                bad.push(format!("{path}: {a}"));
            }
        }
    }
    assert!(bad.is_empty(), "the form core reaches up: {bad:?}");
}

#[test]
fn only_fsio_opens_files_and_only_tui_drives_the_terminal() {
    let mut bad = Vec::new();
    for (path, text) in sources("src") {
        let file = path.replace('\\', "/");
        if !file.ends_with("src/fsio.rs") {
            for b in ["std::fs", "File::", "OpenOptions", "remove_file"] {
                if text.contains(b) {
                    bad.push(format!("{file}: {b} (files are opened by fsio only)"));
                }
            }
        }
        // The frugal backend writes frames for tui; ui and wizard only name ratatui types.
        if !file.ends_with("src/tui.rs") && !file.contains("src/frugal/") {
            for b in ["crossterm::terminal", "crossterm::execute", "crossterm::event", "enable_raw_mode"] {
                if text.contains(b) {
                    bad.push(format!("{file}: {b} (the terminal is driven by tui only)"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_office_renderers_write_no_file_and_name_no_field() {
    // Layout → bytes in memory; `fsio` writes them (commands, the wizard's edge).
    let banned = ["std::fs", "std::env", "std::process", "println!", "eprintln!", "crate::fsio", "crate::tui"];
    let mut bad = Vec::new();
    for (path, text) in sources("src/export") {
        for b in banned {
            if text.contains(b) {
                bad.push(format!("{path}: {b}"));
            }
        }
    }
    assert!(bad.is_empty(), "the office renderers reach out: {bad:?}");
}
