using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Web.Pages.Admin;

namespace SpecializedTowns.Web.Api;

/// <summary>/api/v1/dictionaries: the 字典 page as data, for a caller that wants the accepted values without reading a page.</summary>
public static class DictionariesApi
{
    public sealed record EntryView(string Code, string Name, int? Number, string? Basis);

    public sealed record ImportView(string Kind, string Template, string Column, bool Several);

    public sealed record FieldView(string Method, string Path, string Field, string In, string Accepts, string? Note);

    public sealed record DictionaryView(string Id, string Title, string Group, string? Note, IReadOnlyList<string> Sources, string Link,
        IReadOnlyList<EntryView> Entries, IReadOnlyList<ImportView> Imports, IReadOnlyList<FieldView> Api);

    public static void MapDictionariesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dictionaries").WithTags("字典");
        group.MapGet("/", (PolicyCatalog catalog) => TypedResults.Ok(DictionariesModel.Build(catalog).Select(View).ToList()))
            .WithSummary("全部字典：每个值的中文名称（导入时填写）、接口代码，及用于哪些导入列和接口字段");
        group.MapGet("/{id}", Results<Ok<DictionaryView>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> (string id, PolicyCatalog catalog) =>
            DictionariesModel.Build(catalog).FirstOrDefault(s => s.List.Id == id) is { } section ? TypedResults.Ok(View(section)) : ApiSupport.NotFound($"字典“{id}”"))
            .WithSummary("一个字典（如 problem-category）");
    }

    private static DictionaryView View(DictionariesModel.Section s) => new(
        s.List.Id, s.List.Title, s.List.Group, s.List.Note, s.Sources, CodeLists.Link(s.List),
        s.List.Entries.Select(e => new EntryView(e.Code, e.Name, e.Number, s.Basis.GetValueOrDefault(e.Code))).ToList(),
        s.Imports.Select(i => new ImportView(i.Kind.Key, i.Kind.Title, i.Column.Header, i.Column.Type == Data.Imports.ColumnType.EnumerationList)).ToList(),
        s.Api.Select(f => new FieldView(f.Method, f.Path, f.Field, f.Place.ToString().ToLowerInvariant(), f.Typed ? "code-or-number" : "code-or-name", f.Note)).ToList());
}
