using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Binds a form's bool: a checkbox sends "true" (and the hidden "false"); any other value is refused in Chinese next to the
/// box and the box is shown unticked. The default binder keeps the bad text as the attempted value, and the checkbox tag
/// helper then throws while drawing the form again — a 500 instead of the message.
/// </summary>
internal sealed class CheckboxBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        var text = result.FirstValue?.Trim();
        var nullable = Nullable.GetUnderlyingType(context.ModelType) is not null;
        if (string.IsNullOrEmpty(text) && nullable)
        {
            context.ModelState.SetModelValue(context.ModelName, result);
            context.Result = ModelBindingResult.Success(null);
        }
        else if (bool.TryParse(text, out var value))
        {
            context.ModelState.SetModelValue(context.ModelName, result);
            context.Result = ModelBindingResult.Success(value);
        }
        else
        {
            context.ModelState.SetModelValue(context.ModelName, new ValueProviderResult("false"));
            context.ModelState.TryAddModelError(context.ModelName, string.IsNullOrEmpty(text) ? "此项为必填" : $"“{text}”不是有效的值，请勾选或不勾选");
            context.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}

internal sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?) ? new CheckboxBinder() : null;
}
