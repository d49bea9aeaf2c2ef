//! Merging one catalog file (a layer) over the catalog: its sources, then
//! its checks, then its tools, each new one complete and each known one
//! changed field by field.

use std::collections::HashMap;

use indexmap::IndexMap;
use toml::Spanned;

use super::CadenceValue;
use super::{
    Account, AccountDef, Catalog, CatalogFile, Check, CheckDef, CheckIx, CheckKind, Layer,
    LayerSource, MAX_CADENCE, MAX_ENTRIES, MAX_WEIGHT, Provenance, Source, SourceDef, Tool,
    ToolDef, ToolIx, check_range, is_slug,
};
use crate::cadence::Every;
use crate::error::Result;
use crate::naming::Template;

impl Catalog {
    /// Merge one layer over the catalog. `partial` layers (the user's config)
    /// may omit a tool's or check's descriptive fields even when new.
    pub fn add_layer(
        &mut self,
        file: CatalogFile,
        src: &LayerSource<'_>,
        partial: bool,
    ) -> Result<()> {
        self.layers.push(Layer {
            name: file
                .name
                .as_ref()
                .map_or_else(|| src.name.to_string(), |n| n.0.clone()),
            path: (src.name != super::BUILTIN_NAME).then(|| src.path.to_path_buf()),
            expires: file.expires.map(|d| d.0),
            report_to: file.report_to.as_ref().map(|r| r.0.clone()),
        });
        self.add_sources(file.sources);
        // What this layer sets is hygiene's default when it is the built-in
        // catalog, else the layer's own choice.
        let from = if src.name == super::BUILTIN_NAME {
            Provenance::Default
        } else {
            Provenance::SetBy(
                self.layers
                    .last()
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
            )
        };
        // Checks first, so tools of the same layer can refer to them; their
        // sources once all of the layer's are known.
        let mut check_sources = Vec::new();
        for (id, def) in file.checks {
            let (index, sources) = self.add_check(src, id, def, &from)?;
            if let Some(sources) = sources {
                check_sources.push((index, sources));
            }
        }
        for (index, sources) in check_sources {
            self.checks[index].sources = self.resolve_sources(src, sources)?;
        }
        for (id, def) in file.accounts {
            self.add_account(src, id, def)?;
        }
        for (id, def) in file.tools {
            self.add_tool(src, id, def, partial, &from)?;
        }
        self.validate(src)
    }

    fn add_sources(&mut self, sources: IndexMap<String, SourceDef>) {
        for (id, def) in sources {
            let source = Source {
                id: id.clone(),
                title: def.title.0,
                publisher: def.publisher.map(|v| v.0).unwrap_or_default(),
                date: def.date.map(|v| v.0).unwrap_or_default(),
                file: def.file.map(|v| v.0),
                url: def.url.map(|v| v.0),
            };
            match self.sources.iter_mut().find(|s| s.id == id) {
                Some(existing) => *existing = source,
                None => self.sources.push(source),
            }
        }
    }

    /// Add or change one check; its index, and its sources to resolve.
    fn add_check(
        &mut self,
        src: &LayerSource<'_>,
        id: Spanned<String>,
        def: CheckDef,
        from: &Provenance,
    ) -> Result<(CheckIx, Option<Vec<Spanned<String>>>)> {
        let span = id.span();
        let id = id.into_inner();
        if !is_slug(&id) {
            return Err(src.err(
                span,
                format!("check id `{id}` must be a lowercase slug (a-z, 0-9, - and _)"),
            ));
        }
        let every = every_of(src, def.cadence_days.as_ref(), def.every.as_ref())?;
        if let Some(w) = &def.weight {
            check_range(src, w, 0, MAX_WEIGHT, "weight")?;
        }
        let index = match self.check_index.get(&id) {
            Some(&i) => i,
            None => self.new_check(src, span, &id, &def)?,
        };
        let check = &mut self.checks[index];
        if let Some(v) = def.title {
            check.title = v.0;
        }
        if let Some(v) = def.kind {
            check.kind = v;
        }
        if let Some(v) = def.short {
            let width = crate::text::width(v.get_ref().as_str());
            if v.get_ref().trim().is_empty() || width > 3 {
                return Err(src.err(
                    v.span(),
                    "short must be one to three columns wide, such as \"MFA\"",
                ));
            }
            check.short = v.into_inner();
        }
        if let Some(v) = def.label {
            let width = crate::text::width(v.get_ref().as_str());
            if v.get_ref().trim().is_empty() || width > super::MAX_LABEL {
                return Err(src.err(
                    v.span(),
                    format!(
                        "label must be one to {} columns wide, such as \"Work account\"",
                        super::MAX_LABEL
                    ),
                ));
            }
            check.label = Some(crate::text::visible(&v.into_inner()).into_owned());
        }
        if let Some(every) = every {
            check.every = every;
            check.cadence_from = from.clone();
        }
        if let Some(v) = def.weight {
            check.weight = v.into_inner() as u32;
            check.weight_from = from.clone();
        }
        if let Some(v) = def.action {
            check.action = v.0;
        }
        if let Some(v) = def.why {
            check.why = v.0;
        }
        if let Some(v) = def.how {
            check.how = v.0;
        }
        if let Some(v) = def.lists_mfa_methods {
            check.lists_mfa_methods = v;
        }
        if check.action.is_empty() {
            check.action = check.title.clone();
        }
        Ok((index, def.sources))
    }

    /// A new check, when the layer gives what a new one needs; its index.
    fn new_check(
        &mut self,
        src: &LayerSource<'_>,
        span: std::ops::Range<usize>,
        id: &str,
        def: &CheckDef,
    ) -> Result<CheckIx> {
        let missing: Vec<&str> = [
            ("title", def.title.is_none()),
            ("kind", def.kind.is_none()),
            (
                "every (or cadence_days)",
                def.cadence_days.is_none() && def.every.is_none(),
            ),
        ]
        .into_iter()
        .filter_map(|(name, absent)| absent.then_some(name))
        .collect();
        if !missing.is_empty() {
            return Err(src.err(
                span,
                format!(
                    "new check `{id}` needs {}; to change a check from an earlier catalog, use an id it defines",
                    missing.join(", ")
                ),
            ));
        }
        if self.checks.len() >= MAX_ENTRIES {
            return Err(src.err(span, format!("more than {MAX_ENTRIES} checks")));
        }
        self.checks.push(Check {
            id: id.to_string(),
            title: String::new(),
            short: default_short(id),
            label: None,
            kind: CheckKind::YesNo,
            every: Every::Days(1),
            cadence_from: Provenance::Default,
            weight_from: Provenance::Default,
            weight: 1,
            action: String::new(),
            why: String::new(),
            how: String::new(),
            sources: Vec::new(),
            lists_mfa_methods: false,
        });
        self.check_index
            .insert(id.to_string(), CheckIx(self.checks.len() - 1));
        Ok(CheckIx(self.checks.len() - 1))
    }

    /// Add or change one account.
    fn add_account(
        &mut self,
        src: &LayerSource<'_>,
        id: Spanned<String>,
        def: AccountDef,
    ) -> Result<()> {
        let span = id.span();
        let id = id.into_inner();
        if !is_slug(&id) || self.tool(&id).is_some() {
            return Err(src.err(
                span,
                format!("account id `{id}` must be a lowercase slug that no tool uses"),
            ));
        }
        let index = if let Some(i) = self.account(&id) {
            i
        } else {
            if def.name.is_none() || def.checks.is_none() {
                return Err(src.err(span, format!("new account `{id}` needs name, checks")));
            }
            self.accounts.push(Account {
                id: id.clone(),
                name: String::new(),
                checks: Vec::new(),
                mfa_methods: Vec::new(),
                how: HashMap::new(),
            });
            self.accounts.len() - 1
        };
        let checks = def
            .checks
            .map(|list| self.resolve_checks(src, &id, list))
            .transpose()?;
        let how = def
            .how
            .map(|map| self.resolve_how(src, &id, map))
            .transpose()?;
        let account = &mut self.accounts[index];
        if let Some(v) = def.name {
            account.name = v.0;
        }
        if let Some(v) = checks {
            account.checks = v;
        }
        if let Some(v) = def.mfa_methods {
            account.mfa_methods = v.into_iter().map(|m| m.0).collect();
        }
        if let Some(v) = how {
            account.how.extend(v);
        }
        Ok(())
    }

    /// Add or change one tool.
    fn add_tool(
        &mut self,
        src: &LayerSource<'_>,
        id: Spanned<String>,
        mut def: ToolDef,
        partial: bool,
        from: &Provenance,
    ) -> Result<()> {
        let span = id.span();
        let id = id.into_inner();
        if !is_slug(&id) {
            return Err(src.err(
                span,
                format!("tool id `{id}` must be a lowercase slug (a-z, 0-9, - and _)"),
            ));
        }
        let index = match self.tool_index.get(&id) {
            Some(&i) => i,
            None => self.new_tool(src, span, &id, &def, partial)?,
        };
        let resolved = self.resolve_tool_refs(src, &id, &mut def, from)?;
        if let Some(account) = def.account.take() {
            let span = account.span();
            let found = self.account(account.get_ref()).ok_or_else(|| {
                src.err(
                    span,
                    crate::error::unknown_id(
                        "account",
                        account.get_ref(),
                        self.accounts.iter().map(|a| a.id.as_str()),
                    ),
                )
            })?;
            self.tools[index].account = Some(found);
        }
        let layer = self.layers.len() - 1;
        set_tool_fields(&mut self.tools[index], def, resolved, layer);
        Ok(())
    }

    /// What a tool's definition names by id (checks, sources), resolved,
    /// and its naming template, parsed; taken out of `def`.
    fn resolve_tool_refs(
        &self,
        src: &LayerSource<'_>,
        id: &str,
        def: &mut ToolDef,
        from: &Provenance,
    ) -> Result<ToolRefs> {
        let how = def
            .how
            .take()
            .map(|map| self.resolve_how(src, id, map))
            .transpose()?;
        let naming_from = match def.naming_source.take() {
            Some(source) => Provenance::Guidance(
                self.resolve_sources(src, vec![source])?
                    .pop()
                    .unwrap_or_default(),
            ),
            None => from.clone(),
        };
        let naming = def
            .naming
            .take()
            .map(|t| {
                let span = t.span();
                t.into_inner()
                    .parse::<Template>()
                    .map(|template| (template, naming_from))
                    .map_err(|e| src.err(span, e.to_string()))
            })
            .transpose()?;
        let one_source = |s: Option<Spanned<String>>| {
            s.map(|s| self.resolve_sources(src, vec![s]).map(|mut v| v.remove(0)))
                .transpose()
        };
        let facts_source = one_source(def.facts_source.take())?;
        let mfa_source = one_source(def.mfa_source.take())?;
        let classification_source = one_source(def.classification_source.take())?;
        Ok(ToolRefs {
            classification_source,
            facts_source,
            mfa_source,
            by_default: def
                .by_default
                .take()
                .map(|list| self.resolve_checks(src, id, list))
                .transpose()?,
            checks: def
                .checks
                .take()
                .map(|list| self.resolve_checks(src, id, list))
                .transpose()?,
            lacks: def
                .lacks
                .take()
                .map(|list| self.resolve_checks(src, id, list))
                .transpose()?,
            cadence: def
                .cadence
                .take()
                .map(|map| self.resolve_cadences(src, id, map, from))
                .transpose()?,
            how,
            naming,
            sources: def
                .sources
                .take()
                .map(|s| self.resolve_sources(src, s))
                .transpose()?,
        })
    }

    /// A tool's own cadences, by check.
    fn resolve_cadences(
        &self,
        src: &LayerSource<'_>,
        tool: &str,
        map: IndexMap<Spanned<String>, Spanned<CadenceValue>>,
        from: &Provenance,
    ) -> Result<HashMap<CheckIx, (Every, Provenance)>> {
        let mut out = HashMap::new();
        for (check, value) in map {
            let c = self.resolve_check(src, tool, check)?;
            let span = value.span();
            let every = match value.into_inner() {
                CadenceValue::Days(days) => {
                    let days = Spanned::new(span, days);
                    check_range(src, &days, 1, MAX_CADENCE, "cadence")?;
                    Every::Days(days.into_inner() as u32)
                }
                CadenceValue::Words(words) => {
                    Every::parse(&words).map_err(|e| src.err(span, format!("cadence: {e}")))?
                }
            };
            out.insert(c, (every, from.clone()));
        }
        Ok(out)
    }

    /// A new tool, when the layer gives what a new one needs; its index.
    fn new_tool(
        &mut self,
        src: &LayerSource<'_>,
        span: std::ops::Range<usize>,
        id: &str,
        def: &ToolDef,
        partial: bool,
    ) -> Result<ToolIx> {
        let mut missing = Vec::new();
        if def.checks.is_none() && def.lacks.is_none() {
            missing.push("checks");
        }
        if !partial && def.name.is_none() {
            missing.push("name");
        }
        if !missing.is_empty() {
            return Err(src.err(
                span,
                format!(
                    "new tool `{id}` needs {}; to change a tool from an earlier catalog, use an id it defines{}",
                    missing.join(", "),
                    crate::error::closest(id, self.tools.iter().map(|t| t.id.as_str()))
                        .map(|c| format!(" (did you mean `{c}`?)"))
                        .unwrap_or_default()
                ),
            ));
        }
        if self.tools.len() >= MAX_ENTRIES {
            return Err(src.err(span, format!("more than {MAX_ENTRIES} tools")));
        }
        self.tools.push(Tool {
            id: id.to_string(),
            name: id.to_string(),
            kind: String::new(),
            audience: String::new(),
            approval: String::new(),
            approval_by: None,
            access: String::new(),
            classification: None,
            handling: String::new(),
            facts_source: None,
            mfa_source: None,
            classification_source: None,
            by_default: Vec::new(),
            discontinued: false,
            checks: Vec::new(),
            lacks: Vec::new(),
            mfa_methods: Vec::new(),
            naming: None,
            naming_from: Provenance::Default,
            account: None,
            cadence: HashMap::new(),
            how: HashMap::new(),
            sources: Vec::new(),
            origin: src.name.to_string(),
        });
        self.tool_index
            .insert(id.to_string(), ToolIx(self.tools.len() - 1));
        Ok(ToolIx(self.tools.len() - 1))
    }
}

/// A check's interval from `cadence_days` or `every`, checked; None when
/// the layer gives neither.
fn every_of(
    src: &LayerSource<'_>,
    days: Option<&Spanned<i64>>,
    words: Option<&Spanned<String>>,
) -> Result<Option<Every>> {
    match (days, words) {
        (Some(_), Some(w)) => Err(src.err(w.span(), "give either every or cadence_days, not both")),
        (Some(d), None) => {
            check_range(src, d, 1, MAX_CADENCE, "cadence_days")?;
            Ok(Some(Every::Days(*d.get_ref() as u32)))
        }
        (None, Some(w)) => Every::parse(w.get_ref())
            .map(Some)
            .map_err(|e| src.err(w.span(), format!("every: {e}"))),
        (None, None) => Ok(None),
    }
}

/// The parts of a tool's definition that name other entries, resolved.
struct ToolRefs {
    facts_source: Option<String>,
    mfa_source: Option<String>,
    classification_source: Option<String>,
    by_default: Option<Vec<CheckIx>>,
    checks: Option<Vec<CheckIx>>,
    lacks: Option<Vec<CheckIx>>,
    cadence: Option<HashMap<CheckIx, (Every, Provenance)>>,
    how: Option<HashMap<CheckIx, String>>,
    naming: Option<(Template, Provenance)>,
    sources: Option<Vec<String>>,
}

/// Set what the layer gives over what the tool had.
fn set_tool_fields(tool: &mut Tool, def: ToolDef, refs: ToolRefs, layer: usize) {
    if let Some(v) = def.name {
        tool.name = v.0;
    }
    if let Some(v) = def.kind {
        tool.kind = v.0;
    }
    if let Some(v) = def.audience {
        tool.audience = v.0;
    }
    if let Some(v) = def.approval {
        tool.approval = v.0;
        tool.approval_by = Some(layer);
    }
    if let Some(v) = def.access {
        tool.access = v.0;
    }
    if let Some(v) = def.classification {
        tool.classification = Some(v);
    }
    if let Some(v) = def.handling {
        tool.handling = v.0;
    }
    if refs.facts_source.is_some() {
        tool.facts_source = refs.facts_source;
    }
    if refs.classification_source.is_some() {
        tool.classification_source = refs.classification_source;
    }
    if refs.mfa_source.is_some() {
        tool.mfa_source = refs.mfa_source;
    }
    if let Some(v) = refs.by_default {
        tool.by_default = v;
    }
    if let Some(v) = def.discontinued {
        tool.discontinued = v;
    }
    if let Some(v) = def.mfa_methods {
        tool.mfa_methods = v.into_iter().map(|m| m.0).collect();
    }
    if let Some((template, from)) = refs.naming {
        tool.naming = Some(template);
        tool.naming_from = from;
    }
    if let Some(v) = refs.sources {
        tool.sources = v;
    }
    if let Some(v) = refs.cadence {
        tool.cadence.extend(v);
    }
    if let Some(v) = refs.how {
        tool.how.extend(v);
    }
    if let Some(v) = refs.lacks {
        tool.lacks = v;
    }
    if let Some(v) = refs.checks {
        tool.checks = v;
    }
    // A lacked check still applies: it shows as an unfixable risk.
    let lacked = tool.lacks.clone();
    for c in lacked {
        if !tool.checks.contains(&c) {
            tool.checks.push(c);
        }
    }
    tool.checks.sort_unstable();
    tool.lacks.sort_unstable();
}

/// "`display_name`" → "Dis": the first three characters, the first upper-cased.
fn default_short(id: &str) -> String {
    let mut chars = id.chars().filter(char::is_ascii_alphanumeric);
    let mut out: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .collect();
    out.extend(chars.take(2));
    out
}
