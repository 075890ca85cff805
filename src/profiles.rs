//! Scoring profiles at the edge: `--profile ID|PATH.toml` (a built-in id, or a bureau's own
//! file read through `fsio` and checked by `form::profile_file`), `jixiao profiles [--show ID]`
//! and `jixiao new FILE --profile ID`.

use std::path::Path;

use crate::form::Profile;
use crate::form::profile::{self, Template};
use crate::fsio;
use crate::i18n::Catalog;
use crate::text::visible;

/// Profile files larger than this are refused.
const MAX_PROFILE_BYTES: usize = 1024 * 1024;

/// A profile asked for on the command line, resolved: the profile (its project profile
/// resolved too) and, for a bureau's file, the profile itself as an extra known id for loading
/// data files that name it.
#[derive(Clone, Debug)]
pub struct Chosen {
    /// The profile.
    pub profile: Profile,
    /// A bureau's own profile (empty for a built-in one).
    pub custom: Vec<Profile>,
}

/// The known ids, for messages: `custom` first, then the built-ins.
#[must_use]
pub fn known(custom: &[Profile]) -> String {
    let mut ids: Vec<String> = custom.iter().map(|p| p.id.clone()).collect();
    ids.extend(profile::builtin_ids().into_iter().map(String::from));
    ids.join(", ")
}

/// Resolves `--profile ARG`: a built-in id, or a profile file (a path: it ends in `.toml`
/// or names a file).
///
/// # Errors
/// The message to print (localized): an unknown id with the known ones, a file that cannot
/// be read, or a profile file's first mistake with line and column.
pub fn choose(arg: &str, cat: &Catalog) -> Result<Chosen, String> {
    if let Some(p) = Profile::builtin(arg) {
        return Ok(Chosen { profile: p, custom: Vec::new() });
    }
    let path = Path::new(arg);
    let looks_like_file = arg.ends_with(".toml") || arg.contains(std::path::MAIN_SEPARATOR) || path.is_file();
    if !looks_like_file {
        return Err(cat.fmt("load.unknown_profile", &[("profile", visible(arg, false)), ("known", known(&[]))]));
    }
    let shown = visible(&path.display().to_string(), false);
    let bytes = fsio::read_limited(path, MAX_PROFILE_BYTES)
        .map_err(|e| cat.fmt("load.io", &[("path", shown.clone()), ("error", fsio::describe(&e, cat))]))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        cat.fmt(
            "load.at",
            &[
                ("path", shown.clone()),
                ("line", "1".into()),
                ("col", "1".into()),
                ("message", cat.tr("load.not_utf8").into()),
            ],
        )
    })?;
    let ids = profile::builtin_ids();
    let custom = crate::form::profile_file::read(&text, &ids).map_err(|e| {
        let args: Vec<(&str, String)> = e
            .args
            .iter()
            .map(|(k, v)| match *k {
                "expected" => (*k, cat.tr(&format!("profile.type.{v}")).to_string()),
                _ => (*k, v.clone()),
            })
            .collect();
        cat.fmt(
            "load.at",
            &[
                ("path", shown.clone()),
                ("line", e.line.to_string()),
                ("col", e.col.to_string()),
                ("message", cat.fmt(e.key, &args)),
            ],
        )
    })?;
    let custom = vec![custom];
    let profile = Profile::resolve(&custom[0].id, &custom).unwrap_or_else(|| custom[0].clone());
    Ok(Chosen { profile, custom })
}

/// The profile a data file names, among `custom` and the built-ins (the default if none:
/// loading has already refused an unknown id).
#[must_use]
pub fn of_file(id: &str, custom: &[Profile]) -> Profile {
    Profile::resolve(id, custom).unwrap_or_else(Profile::default_profile)
}

/// One line about a profile: id, form, region, years and its description.
#[must_use]
pub fn line(p: &Profile, cat: &Catalog) -> String {
    let form = match p.form {
        Template::Unit => cat.tr("profile.form_unit"),
        Template::Project => cat.tr("profile.form_project"),
    };
    let years = match p.until {
        Some(u) if u != p.fiscal_year => format!("{}–{u}", p.fiscal_year),
        _ => p.fiscal_year.to_string(),
    };
    let description = cat
        .try_tr(&format!("profile.{}", p.id))
        .map_or_else(|| format!("{} {}", visible(&p.description, false), cat.tr("profile.custom")), str::to_string);
    cat.fmt(
        "profile.list_line",
        &[
            ("id", visible(&p.id, false)),
            ("form", form.to_string()),
            ("region", visible(&p.region, false)),
            ("years", years),
            ("description", description),
        ],
    )
}

/// `jixiao profiles [--show ID]`: the list, or one built-in profile's file.
#[must_use]
pub fn run(show: Option<&str>, cat: &Catalog) -> u8 {
    let text = match show {
        Some(id) => match profile::builtin_text(id) {
            Some(text) => text.to_string(),
            None => {
                crate::commands::tell(
                    &cat.fmt("profile.not_builtin", &[("profile", visible(id, false)), ("known", known(&[]))]),
                );
                return crate::commands::FAILED;
            }
        },
        None => profile::builtin_ids()
            .iter()
            .filter_map(|id| Profile::builtin(id))
            .map(|p| format!("{}\n", line(&p, cat)))
            .collect(),
    };
    match crate::commands::emit(&text) {
        Ok(()) => crate::commands::OK,
        Err(e) => crate::commands::output_failed(&e, cat),
    }
}
