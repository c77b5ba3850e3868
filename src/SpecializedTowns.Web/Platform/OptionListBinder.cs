using System.Collections;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Binds a form's list of ticked options (平台功能: Input.Functions=Research&amp;Input.Functions=Testing) so that an option the
/// form did not offer is refused by the field's name, as a single option is (BindingMessagesByType). The framework's
/// collection binder reads each value by the option type alone, which knows no field: its message could only say
/// “只能从列表中选择”, not which of the form's lists.
/// </summary>
internal sealed class OptionListBinder(Type optionType) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        // Nothing ticked: the property keeps its empty list, as with the framework's binder.
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, result);
        var options = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(optionType))!;
        foreach (var text in result.Values)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (FilterValues.Parse(optionType, text) is { } option)
            {
                if (!options.Contains(option)) options.Add(option);
                continue;
            }
            var field = context.ModelMetadata.DisplayName;
            var say = BindingMessagesByType.For(optionType, context.ModelMetadata.Name, field)!;
            context.ModelState.TryAddModelError(context.ModelName, say(text));
            context.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
        context.Result = ModelBindingResult.Success(options);
        return Task.CompletedTask;
    }
}

/// <summary>A form property that is a list of options (List&lt;PlatformFunction&gt;, or an interface a List of them is).</summary>
internal sealed class OptionListBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.MetadataKind == ModelMetadataKind.Property
        && context.Metadata.ElementType is { IsEnum: true } option
        && context.Metadata.ModelType.IsAssignableFrom(typeof(List<>).MakeGenericType(option))
            ? new OptionListBinder(option) : null;
}
