using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Data.Tasks;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Tasks;

/// <summary>How the responsibility-list pages write lights, progress and units, the same on every page.</summary>
public static class TaskDisplay
{
    public static string LightClass(TaskLight light) => light switch
    {
        TaskLight.NotStarted => "light-grey",
        TaskLight.OnTrack => "light-green",
        TaskLight.DueSoon => "light-yellow",
        TaskLight.Overdue => "light-red",
        _ => "light-done",
    };

    public static IHtmlContent Badge(TaskLight light) =>
        new HtmlString($"<span class=\"light {LightClass(light)}\" title=\"{TaskLights.Colour(light)}\">{TaskLights.Chinese(light)}</span>");

    /// <summary>A labelled bar; the label carries the number for screen readers and for tests.</summary>
    public static IHtmlContent Bar(decimal progress, TaskLight light, string? label = null)
    {
        var percent = ProgressMath.Percent(progress);
        var aria = System.Net.WebUtility.HtmlEncode(label ?? "进度");
        return new HtmlString(
            $"<div class=\"task-progress\"><div class=\"progress\" role=\"progressbar\" aria-label=\"{aria}\" aria-valuenow=\"{percent}\" aria-valuemin=\"0\" aria-valuemax=\"100\">" +
            $"<div class=\"progress-bar {LightClass(light)}\" style=\"width: {percent.ToString(CultureInfo.InvariantCulture)}%\"></div></div>" +
            $"<span class=\"task-progress-value\">{percent}%</span></div>");
    }

    public static string Units(IReadOnlyList<UnitRef> units, int show = 3) =>
        units.Count == 0 ? "—" : units.Count <= show ? string.Join("、", units.Select(u => u.Name)) : $"{string.Join("、", units.Take(show).Select(u => u.Name))} 等 {units.Count} 家";

    public static string Weight(decimal weight) => weight.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Figure(decimal? value, string? unit) => value is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) + (unit ?? "") : "—";

    /// <summary>A deadline with the original beside it when an extension or the office has moved it.</summary>
    public static IHtmlContent Deadline(DateOnly deadline, DateOnly original) => deadline == original
        ? new HtmlString(Display.Date(deadline))
        : new HtmlString($"{Display.Date(deadline)}<span class=\"original-deadline\">原定 {Display.Date(original)}</span>");

    /// <summary>
    /// Model-binding failures of one form ("abc" typed for a percentage) as field errors in the form's own
    /// field names, so they show where the service's errors show.
    /// </summary>
    public static Dictionary<string, string> BindingErrors(ModelStateDictionary state, string prefix)
    {
        var errors = new Dictionary<string, string>();
        foreach (var (key, entry) in state.Where(s => s.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && s.Value is { Errors.Count: > 0 }))
        {
            var field = key[(prefix.Length + 1)..];
            errors[char.ToLowerInvariant(field[0]) + field[1..]] = entry!.Errors[0].ErrorMessage is { Length: > 0 } m ? m : "填写的值无效";
        }
        return errors;
    }
}
