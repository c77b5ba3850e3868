namespace SpecializedTowns.Core.Policies;

/// <summary>All policy packs of a deployment, read from one folder, with their problems.</summary>
public sealed class PolicyCatalog
{
    public IReadOnlyList<PolicyPack> Packs { get; }

    /// <summary>Indicator systems of the annual evaluation, from the schemes/ folder beside the packs.</summary>
    public IReadOnlyList<Evaluation.EvaluationScheme> Schemes { get; }
    public IReadOnlyList<PackProblem> Problems { get; }
    public string Directory { get; }

    private readonly Dictionary<string, RecognitionStandard> _standards;

    private PolicyCatalog(string directory, List<PolicyPack> packs, List<PackProblem> problems, List<Evaluation.EvaluationScheme>? schemes = null)
    {
        Directory = directory;
        Packs = packs;
        Schemes = schemes ?? [];
        _standards = packs.SelectMany(p => p.Standards)
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => g.First());
        var unreadable = problems.Count > 0;
        problems.AddRange(PolicyPackValidator.Validate(packs, someFileUnreadable: unreadable));
        if (!unreadable) problems.AddRange(Evaluation.EvaluationSchemeValidator.Validate(Schemes, packs));
        Problems = problems;
    }

    /// <summary>The standards as applied: each pack's, with the numbers its office entered where the text gives none (decision 0021).</summary>
    public IEnumerable<RecognitionStandard> Standards
    {
        get
        {
            CheckEntered();
            var entered = _entered;
            return _standards.Values.Select(s => entered.Standards.GetValueOrDefault(s.Id, s));
        }
    }

    /// <summary>A standard as applied (see <see cref="Standards"/>); null when no pack defines it.</summary>
    public RecognitionStandard? FindStandard(string id)
    {
        CheckEntered();
        return _entered.Standards.TryGetValue(id, out var effective) ? effective : _standards.GetValueOrDefault(id);
    }

    /// <summary>A standard as its pack states it, without any number entered on the platform.</summary>
    public RecognitionStandard? PackStandard(string id) => _standards.GetValueOrDefault(id);

    private sealed record EnteredState(long Version, IReadOnlyList<Recognition.ThresholdValue> Values, IReadOnlyDictionary<string, RecognitionStandard> Standards);

    private volatile EnteredState _entered = new(0, [], new Dictionary<string, RecognitionStandard>());

    /// <summary>
    /// Which entered numbers the catalog applies: the highest row id read (0 for none), after the request's check. What is kept
    /// from a standard's results between requests is kept under it, so that a number saved anywhere changes them.
    /// </summary>
    public long EnteredVersion
    {
        get
        {
            CheckEntered();
            return _entered.Version;
        }
    }

    /// <summary>
    /// <see cref="EnteredVersion"/> as last applied, without the request's check: for the check itself, which compares it with the
    /// database's highest id so that a number saved by another process counts from its next request on (decision 0021).
    /// </summary>
    public long AppliedVersion => _entered.Version;

    /// <summary>The current entered numbers (none superseded), as last read.</summary>
    public IReadOnlyList<Recognition.ThresholdValue> EnteredValues
    {
        get
        {
            CheckEntered();
            return _entered.Values;
        }
    }

    // The check the current request makes before it first reads a standard (see CheckEnteredOnFirstRead); none outside a request
    // (the command line and background work refresh for themselves).
    private readonly AsyncLocal<EnteredCheck?> _check = new();

    /// <summary>
    /// Until the returned handle is disposed, the first read of a standard, its entered numbers or their version in the current
    /// flow (a web request) runs <paramref name="refresh"/> first, once: a page that reads no standard costs no query, and one
    /// that reads many costs one (decision 0021).
    /// </summary>
    public IDisposable CheckEnteredOnFirstRead(Action refresh)
    {
        var check = new EnteredCheck(refresh);
        _check.Value = check;
        return check;
    }

    private void CheckEntered() => _check.Value?.Run();

    private sealed class EnteredCheck(Action refresh) : IDisposable
    {
        private readonly Lock _gate = new();
        private volatile bool _done;

        public void Run()
        {
            if (_done) return;
            lock (_gate)
            {
                if (_done) return;
                // Done before it runs: the refresh applies the values through this catalog, and must not come back here.
                _done = true;
                try { refresh(); }
                catch { _done = false; throw; }
            }
        }

        // Work the request left running after it ended (a task it did not wait for) reads what was applied, with no query.
        public void Dispose() => _done = true;
    }

    /// <summary>Applies the current entered numbers read at <paramref name="version"/>, replacing those applied before.</summary>
    public void UseEnteredValues(long version, IReadOnlyList<Recognition.ThresholdValue> current)
    {
        var standards = new Dictionary<string, RecognitionStandard>();
        foreach (var id in current.Select(v => v.StandardId).Distinct())
            if (_standards.TryGetValue(id, out var pack))
                standards[id] = Recognition.EnteredThresholds.Apply(pack, current);
        _entered = new EnteredState(version, current, standards);
    }

    /// <summary>
    /// What users read for a standard: its name (山西省级专业镇认定标准), never its id (shanxi-provincial) — also for a standard no
    /// pack defines any more (<see cref="RememberRetired"/>); the id only when its name was never known.
    /// </summary>
    // The pack's: entered numbers never change a name, and a page that only names a standard has nothing to check.
    public string StandardName(string? id) => id is null ? "—" : PackStandard(id)?.Name ?? _retired.GetValueOrDefault(id) ?? id;

    /// <summary>The name of a standard, or null when neither a pack nor a pack once loaded named it.</summary>
    public string? KnownStandardName(string id) => PackStandard(id)?.Name ?? _retired.GetValueOrDefault(id);

    private volatile IReadOnlyDictionary<string, string> _retired = new Dictionary<string, string>();

    /// <summary>
    /// Names of standards that the packs loaded now no longer define (a pack removed, or unreadable since it was last loaded),
    /// as the texts of the packs once loaded gave them: applications and tiers recorded under such a standard keep reading
    /// by its name. The ones a loaded pack defines are left to it.
    /// </summary>
    public void RememberRetired(IEnumerable<KeyValuePair<string, string>> names)
    {
        var retired = new Dictionary<string, string>();
        foreach (var (id, name) in names)
            if (!_standards.ContainsKey(id) && !string.IsNullOrWhiteSpace(name)) retired.TryAdd(id, name);
        _retired = retired;
    }

    public PolicyPack? FindPack(string id) => Packs.FirstOrDefault(p => p.Id == id);

    public const string DefaultScheme = "platform-default";

    /// <summary>The pack that governs an area: the document of that exact jurisdiction path, else of the nearest area above it.</summary>
    public PolicyPack? PackGoverning(string path)
    {
        for (var p = path; p.Length > 0; p = p.Contains('/') ? p[..p.LastIndexOf('/')] : "")
            if (Packs.FirstOrDefault(x => string.Join("/", x.Document.JurisdictionPath) == p && x.Document.JurisdictionPath.Count > 0) is { } pack)
                return pack;
        return null;
    }

    /// <summary>The annual evaluation rule of a pack: the one with consequences, else the first annual one.</summary>
    public static EvaluationRule? AnnualEvaluation(PolicyPack? pack) =>
        pack?.Mechanisms.Evaluation.Where(r => r.Cycle == "annual").OrderByDescending(r => r.Consequences.Count).FirstOrDefault();

    /// <summary>The indicator system an area's evaluation uses: the one its pack names, else the platform default.</summary>
    public Evaluation.EvaluationScheme? SchemeFor(PolicyPack? pack) =>
        Schemes.FirstOrDefault(s => s.Id == (AnnualEvaluation(pack)?.Scheme ?? DefaultScheme));

    /// <summary>Where a standard applies: the jurisdiction path of the document that defines it, e.g. 山西省/运城市.</summary>
    public string AreaOf(RecognitionStandard standard)
    {
        var document = FindPack(standard.PackId)?.Document;
        return document is null ? "" : document.JurisdictionPath.Count > 0 ? string.Join("/", document.JurisdictionPath) : document.Jurisdiction;
    }

    /// <summary>Ids of the standards a document applies: those it defines, then those it adopts.</summary>
    public static IReadOnlyList<string> StandardIdsOf(PolicyPack pack) =>
        pack.Standards.Select(s => s.Id).Concat(pack.AdoptedStandards).Distinct().ToList();

    public IReadOnlyList<PackProblem> ProblemsOf(PolicyPack pack) => Problems.Where(p => p.File == pack.FileName).ToList();

    public static PolicyCatalog Load(string directory)
    {
        var packs = new List<PolicyPack>();
        var problems = new List<PackProblem>();
        if (!System.IO.Directory.Exists(directory))
        {
            problems.Add(new PackProblem(directory, 0, "政策包目录不存在"));
            return new PolicyCatalog(directory, packs, problems);
        }
        var files = System.IO.Directory.GetFiles(directory, "*.yaml").Concat(System.IO.Directory.GetFiles(directory, "*.yml"))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            string text;
            try { text = File.ReadAllText(file); }
            catch (IOException ex) { problems.Add(new PackProblem(name, 0, $"无法读取文件：{ex.Message}")); continue; }
            var (pack, problem) = PolicyPackReader.Read(name, text);
            if (problem is not null) problems.Add(problem);
            if (pack is not null) packs.Add(pack);
        }
        var schemes = new List<Evaluation.EvaluationScheme>();
        var schemeDirectory = Path.Combine(directory, "schemes");
        if (System.IO.Directory.Exists(schemeDirectory))
            foreach (var file in System.IO.Directory.GetFiles(schemeDirectory, "*.yaml").Order(StringComparer.Ordinal))
            {
                var name = "schemes/" + Path.GetFileName(file);
                string text;
                try { text = File.ReadAllText(file); }
                catch (IOException ex) { problems.Add(new PackProblem(name, 0, $"无法读取文件：{ex.Message}")); continue; }
                var (scheme, problem) = PolicyPackReader.ReadScheme(name, text);
                if (problem is not null) problems.Add(problem);
                if (scheme is not null) schemes.Add(scheme);
            }
        return new PolicyCatalog(directory, packs, problems, schemes);
    }

    /// <summary>
    /// Where the packs are: an explicit folder if given; else the nearest <c>policies/</c> beside a
    /// SpecializedTowns.slnx above the working directory (a checkout, so an edited pack counts at
    /// once); else the copy shipped beside the program.
    /// </summary>
    public static string LocateDirectory(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var env = Environment.GetEnvironmentVariable("SPECIALIZEDTOWNS_POLICIES");
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        if (Checkout.Root() is { } root && System.IO.Directory.Exists(Path.Combine(root, "policies")))
            return Path.Combine(root, "policies");
        return Path.Combine(AppContext.BaseDirectory, "policies");
    }
}
