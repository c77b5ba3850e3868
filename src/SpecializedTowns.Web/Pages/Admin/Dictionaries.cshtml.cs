using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Web.Api;

namespace SpecializedTowns.Web.Pages.Admin;

/// <summary>
/// 系统 → 字典: every code list with its Chinese names, the value an import cell takes, the code the API takes, where each
/// list is used and the clause it comes from; and all of it as one workbook. In the administrator's menu, but readable by
/// every signed-in person, because import templates and the API documentation send people here.
/// </summary>
public sealed class DictionariesModel(PolicyCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>A column of an import template that takes the list.</summary>
    public sealed record ImportUse(ImportKind Kind, ImportColumn Column)
    {
        public string Text => $"{Kind.Title}模板“{Column.Header}”列" + (Column.Type == ColumnType.EnumerationList ? "（可填多项，用顿号“、”分隔）" : "");
    }

    /// <summary>One list as the page and the workbook show it.</summary>
    public sealed record Section(CodeList List, IReadOnlyList<ImportUse> Imports, IReadOnlyList<ApiCodeField> Api, IReadOnlyDictionary<string, string> Basis,
        IReadOnlyList<string> Sources)
    {
        /// <summary>The stored numbers matter only where the JSON reader takes them.</summary>
        public bool ShowsNumber => Api.Any(f => f.Typed);

        public IEnumerable<string> Uses =>
            Imports.Select(i => "导入：" + i.Text)
                .Concat(Api.Select(f => $"接口：{f.Method} {f.Path} {f.PlaceName} {f.Field}（{f.Accepts}{(f.Note is null ? "" : "；" + f.Note)}）"));
    }

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public UserScope Scope => UserScope.From(User)!;

    public void OnGet() => Sections = Build(catalog);

    public IActionResult OnGetExport()
    {
        var sections = Build(catalog);
        using var output = new MemoryStream();
        Workbook.Write(output, [Contents(sections), .. sections.Select(SheetOf)]);
        return File(output.ToArray(), Workbook.ContentType, TableExport.FileName("字典", ExportFormat.Xlsx, ChinaTime.Today(time)));
    }

    public static IReadOnlyList<Section> Build(PolicyCatalog catalog) => CodeLists.All.Select(list => new Section(
        list,
        ImportKinds.All.SelectMany(k => k.Columns.Where(c => c.Codes == list).Select(c => new ImportUse(k, c))).ToList(),
        ApiCodeFields.Of(list).ToList(),
        list == CodeLists.IndustryCategory ? CategoryBasis(catalog) : new Dictionary<string, string>(),
        list == CodeLists.IndustryCategory ? CategorySources(catalog) : list.Sources)).ToList();

    /// <summary>Which recognition standards of the deployment's packs admit each category, with their clauses: policy is data.</summary>
    private static Dictionary<string, string> CategoryBasis(PolicyCatalog catalog) =>
        CodeLists.IndustryCategory.Entries.ToDictionary(e => e.Code, e => string.Join("；", catalog.Standards
            .Where(s => s.Criteria.Any(c => c.Kind == "category" && c.Categories.Contains(e.Code)))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => CategoryClause(s) is { } clause ? $"{s.Name}（{clause}）" : s.Name)));

    /// <summary>The list's own 依据: the clauses of the deployment's standards that name the categories they recognise.</summary>
    private static IReadOnlyList<string> CategorySources(PolicyCatalog catalog) =>
        catalog.Standards.OrderBy(s => s.Id, StringComparer.Ordinal).Select(CategoryClause).OfType<string>().Distinct().ToList();

    // Cited as the town page and 动态调整 cite the standard (RecognitionStandard.Cite): 运城's standard, known only as 垣曲's text
    // quotes it, under 运城's document number, not as if it were 垣曲's.
    private static string? CategoryClause(RecognitionStandard s) =>
        s.Cite(s.Criteria.FirstOrDefault(c => c.Kind == "category")?.Source);

    /// <summary>The first sheet: what each list is, where it is used, and its sheet.</summary>
    private static Sheet Contents(IReadOnlyList<Section> sections) => new("目录", ["字典", "代码", "分组", "说明", "依据", "用于"],
        sections.Select(s => (IReadOnlyList<object?>)[s.List.Title, s.List.Id, s.List.Group, s.List.Note, string.Join("；", s.Sources), string.Join("\n", s.Uses)]).ToList(),
        [18, 24, 10, 50, 40, 70]);

    /// <summary>A list's sheet, with the same columns as its table on the page.</summary>
    private static Sheet SheetOf(Section s)
    {
        var header = new List<string> { "名称" };
        var widths = new List<double> { 24 };
        void Column(string name, double width) { header.Add(name); widths.Add(width); }
        if (s.Imports.Count > 0) Column("导入时填写", 24);
        Column("接口代码", 28);
        if (s.ShowsNumber) Column("编号", 8);
        if (s.Basis.Count > 0) Column("依据", 80);
        var rows = s.List.Entries.Select(e =>
        {
            var row = new List<object?> { e.Name };
            if (s.Imports.Count > 0) row.Add(e.Name);
            row.Add(e.Code);
            if (s.ShowsNumber) row.Add(e.Number);
            if (s.Basis.Count > 0) row.Add(s.Basis.GetValueOrDefault(e.Code));
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new Sheet(s.List.Title, header, rows, widths);
    }
}
