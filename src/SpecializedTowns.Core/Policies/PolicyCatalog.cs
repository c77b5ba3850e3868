namespace SpecializedTowns.Core.Policies;

/// <summary>All policy packs of a deployment, read from one folder, with their problems.</summary>
public sealed class PolicyCatalog
{
    public IReadOnlyList<PolicyPack> Packs { get; }
    public IReadOnlyList<PackProblem> Problems { get; }
    public string Directory { get; }

    private readonly Dictionary<string, RecognitionStandard> _standards;

    private PolicyCatalog(string directory, List<PolicyPack> packs, List<PackProblem> problems)
    {
        Directory = directory;
        Packs = packs;
        _standards = packs.SelectMany(p => p.Standards)
            .GroupBy(s => s.Id)
            .ToDictionary(g => g.Key, g => g.First());
        problems.AddRange(PolicyPackValidator.Validate(packs, someFileUnreadable: problems.Count > 0));
        Problems = problems;
    }

    public IEnumerable<RecognitionStandard> Standards => _standards.Values;

    public RecognitionStandard? FindStandard(string id) => _standards.GetValueOrDefault(id);

    public PolicyPack? FindPack(string id) => Packs.FirstOrDefault(p => p.Id == id);

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
        return new PolicyCatalog(directory, packs, problems);
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
