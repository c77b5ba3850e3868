using Microsoft.AspNetCore.Mvc.ModelBinding;
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
}
