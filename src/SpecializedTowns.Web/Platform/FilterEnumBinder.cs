using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Binds a list page's own enumeration filter ([BindProperty(SupportsGet = true)] Stage? on the page model) the way the API
/// reads it (FilterValues): code in any case or Chinese name. A value naming nothing leaves the filter off, with the note
/// above the page on a GET and the refusal in ModelState as the default binder gave it.
/// </summary>
internal sealed class FilterEnumBinder(Type type) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        if (FilterValues.Parse(type, text) is { } value)
        {
            context.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
        var label = context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name ?? "筛选条件";
        context.ModelState.TryAddModelError(context.ModelName, $"“{text.Trim()}”不是有效的{label}");
        if (HttpMethods.IsGet(context.HttpContext.Request.Method)) FilterValues.Unknown(context.HttpContext, label, text);
        context.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Only a page model's own nullable enumeration properties (its filters); a form's fields keep the default binder.</summary>
internal sealed class FilterEnumBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        Nullable.GetUnderlyingType(context.Metadata.ModelType) is { IsEnum: true } type
        && context.Metadata.MetadataKind == ModelMetadataKind.Property
        && context.Metadata.ContainerType is { } container && typeof(PageModel).IsAssignableFrom(container)
            ? new FilterEnumBinder(type) : null;
}
