using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Support;

namespace SpecializedTowns.Web.Pages.Support.Training;

/// <summary>A county, town or enterprise to pick, with its county so that talent.js can narrow the pickers to the chosen county.</summary>
public sealed record PlaceOption(int Id, string Name, int CountyId, string County);

/// <summary>What the 人才培训 and 人才 pages share: the pickers, the status colours and the year choice.</summary>
public static class TalentPages
{
    public static async Task<IReadOnlyList<PlaceOption>> CountiesAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        (await TalentScope.EditableCounties(db, scope).AsNoTracking().Select(j => new { j.Id, j.Name, j.Path, j.Code }).ToListAsync(ct))
            .OrderBy(j => PlaceOrder.KeyOf(j.Code, j.Path), StringComparer.Ordinal).Select(j => new PlaceOption(j.Id, j.Name, j.Id, j.Path.Replace("/", " / "))).ToList();

    /// <summary>The towns in the person's scope (within a place when a list is filtered to one), for the filter and the forms.</summary>
    public static Task<IReadOnlyList<PlaceOption>> TownsAsync(TownsDbContext db, UserScope scope, CancellationToken ct, string? under = null) =>
        OptionsAsync(SupportPages.TownsIn(scope, db, under), ct);

    /// <summary>The towns a form may save against: on the list, or the one the record already names (<see cref="SupportPages.Pickable"/>).</summary>
    public static Task<IReadOnlyList<PlaceOption>> PickerTownsAsync(TownsDbContext db, UserScope scope, int? keep, CancellationToken ct) =>
        OptionsAsync(SupportPages.Pickable(scope, db, [keep]), ct);

    private static async Task<IReadOnlyList<PlaceOption>> OptionsAsync(IQueryable<Core.Towns.SpecializedTown> towns, CancellationToken ct) =>
        (await towns.AsNoTracking().Select(t => new { t.Id, t.Name, t.CountyId, County = t.County!.Name, t.County.Path, t.County.Code }).ToListAsync(ct))
            .OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => new PlaceOption(t.Id, t.Name, t.CountyId, t.County)).ToList();

    public static async Task<IReadOnlyList<PlaceOption>> EnterprisesAsync(TownsDbContext db, UserScope scope, CancellationToken ct) =>
        (await scope.Enterprises(db).AsNoTracking().Select(e => new { e.Id, e.Name, e.CountyId, County = e.County!.Name, e.County.Path, e.County.Code }).ToListAsync(ct))
            .OrderBy(e => PlaceOrder.KeyOf(e.Code, e.Path), StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => new PlaceOption(e.Id, e.Name, e.CountyId, e.County)).ToList();

    /// <summary>Next year (programmes already planned) back to 2020.</summary>
    public static IReadOnlyList<int> Years(DateOnly today) => [today.Year + 1, .. SupportPages.Years(today)];

    public static string StatusClass(TrainingStatus status) => status switch
    {
        TrainingStatus.Met => "text-bg-success",
        TrainingStatus.NotMet => "text-bg-danger",
        TrainingStatus.InProgress => "text-bg-info",
        TrainingStatus.AwaitingOutcome => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    public static (string Text, string Css) Met(TrainingLine line) => line.Met switch
    {
        true => ("达标", "text-bg-success"),
        false => ("未达标", "text-bg-danger"),
        null => line.HasTarget ? ("暂无可计数据", "text-bg-light border") : ("未设目标", "text-bg-secondary"),
    };
}
