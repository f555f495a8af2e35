/**
 * The registry as Discord application-command JSON. Dates are strings (Discord has no date
 * type; options.ts checks them), a command with subcommands becomes SUB_COMMAND options, and
 * French text from the registry becomes the `fr` localisations.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDef, OptionDef } from '../../commands/command-types.ts';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Longest ISO partial date accepted ("2025-03-25"). */
const DATE_LENGTH = 10;

export function toCommandJson(commands: readonly CommandDef[]): CommandJson[] {
  return commands.map((command) => {
    const json: CommandJson = {
      type: ApplicationCommandType.ChatInput,
      name: command.name,
      description: command.description,
      ...localizations(command.i18n),
      options: command.subcommands
        ? command.subcommands.map(toSubcommand)
        : sortRequiredFirst(command.options.map((o) => toOption(withFormRequirement(command, o)))),
    };
    if (command.managersOnly) json.default_member_permissions = PermissionFlagsBits.ManageChannels.toString();
    return json;
  });
}

function toSubcommand(sub: CommandDef): APIApplicationCommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: sub.name,
    description: sub.description,
    ...localizations(sub.i18n),
    options: sortRequiredFirst(sub.options.map(toOption)),
  };
}

/**
 * A new record's required choice (a report's category) cannot be asked in a Discord modal,
 * which holds only text inputs: the slash command asks for it, so Discord requires it before
 * the form opens. Edits start from the record's values and keep it optional.
 */
function withFormRequirement(command: CommandDef, option: OptionDef): OptionDef {
  const field = command.form?.fields.find((f) => f.name === option.name);
  return field?.style === 'select' && field.required ? { ...option, required: true } : option;
}

function localizations(i18n: CommandDef['i18n']) {
  const fr = i18n?.fr;
  return fr ? { name_localizations: { fr: fr.name }, description_localizations: { fr: fr.description } } : {};
}

/** Discord wants required options before optional ones; the registry's order is kept otherwise. */
function sortRequiredFirst<T extends { required?: boolean }>(options: T[]): T[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

function toOption(option: OptionDef): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: option.description,
    ...localizations(option.i18n),
    required: option.required ?? false,
  };
  switch (option.type) {
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'date':
      return { ...base, type: ApplicationCommandOptionType.String, min_length: 4, max_length: DATE_LENGTH };
    case 'string': {
      const length = option.maxLength !== undefined ? { max_length: option.maxLength } : {};
      if (option.choices) {
        const choices = option.choices.map((c) => ({ name: c.name, value: c.value }));
        return { ...base, ...length, type: ApplicationCommandOptionType.String, choices };
      }
      const autocomplete = option.autocomplete ? { autocomplete: true as const } : {};
      return { ...base, ...length, ...autocomplete, type: ApplicationCommandOptionType.String };
    }
    case 'integer':
    case 'number': {
      const range = {
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
      return option.type === 'integer'
        ? { ...base, ...range, type: ApplicationCommandOptionType.Integer }
        : { ...base, ...range, type: ApplicationCommandOptionType.Number };
    }
  }
}
