using Microsoft.AspNetCore.Mvc.ModelBinding;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Enterprises;

namespace SpecializedTowns.Web.Pages.Shared;

public static class FormErrors
{
    /// <summary>
    /// Puts each refused field's message beside its input (the form is bound under <paramref name="prefix"/>) and returns
    /// the message that concerns no single field, for the page's alert.
    /// </summary>
    public static string? Show(this ModelStateDictionary state, FieldErrors errors, string prefix)
    {
        foreach (var (field, message) in errors.Where(e => e.Key != "")) state.AddModelError($"{prefix}.{field}", message);
        return errors.GetValueOrDefault("");
    }

    /// <summary>
    /// Whether a field of the form bound under <paramref name="prefix"/> could not be read (a word in a number, an option the
    /// list did not offer). Its message is beside it, and the form is shown again without saving: the binder left the field
    /// blank, and a save would store it so, as if nothing had been typed or chosen.
    /// </summary>
    public static bool Unreadable(this ModelStateDictionary state, string prefix) =>
        state.Any(e => e.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 });

    /// <summary>
    /// The number fields of the form (bound under <paramref name="prefix"/>) whose text could not be read into their type —
    /// 99999999999 for an int, 1e40 for a decimal, a word — each with the message its range gives. Binding leaves such a
    /// field null, which would otherwise save as a blank.
    /// </summary>
    public static Dictionary<string, string> UnreadableFigures(this ModelStateDictionary state, string prefix,
        IEnumerable<(string Field, string Name, FigureRule Rule)> fields)
    {
        var problems = new Dictionary<string, string>();
        foreach (var (field, name, rule) in fields)
            if (state.TryGetValue($"{prefix}.{field}", out var entry) && entry.Errors.Count > 0 && entry.AttemptedValue is { } typed)
                problems[field] = rule.Problem(name, typed);
        return problems;
    }

    /// <summary>
    /// What was typed into the field, as typed, when the form is shown again after a post (1e9 stays 1e9, and what could not
    /// be read at all is not lost); the bound value when the form is first shown.
    /// </summary>
    public static object? Typed(this ModelStateDictionary state, string key, object? bound) =>
        state.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed ? typed : bound;
}
