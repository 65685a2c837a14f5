/* commons-cli-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "commons-store.h"
#include "commons-sync.h"

G_BEGIN_DECLS

/* Exit codes a script can rely on; the README and the man page list them. */
typedef enum
{
  COMMONS_CLI_EXIT_OK = 0,
  COMMONS_CLI_EXIT_FAILED = 1,
  COMMONS_CLI_EXIT_USAGE = 2,
  COMMONS_CLI_EXIT_NOT_FOUND = 3,
  COMMONS_CLI_EXIT_DATA = 4,
} CommonsCliExit;

#define COMMONS_CLI_ERROR (commons_cli_error_quark ())

/* Errors a command raises itself; each maps to the exit code of its name. */
typedef enum
{
  COMMONS_CLI_ERROR_FAILED,
  COMMONS_CLI_ERROR_USAGE,
  COMMONS_CLI_ERROR_NOT_FOUND,
  COMMONS_CLI_ERROR_DATA,
} CommonsCliError;

typedef struct
{
  char         *data_dir;
  gboolean      json;
  CommonsStore *store;
  /* Set by a command that did part of its work and failed the rest
   * (sync of several groups), after it printed what it did. */
  int           status;
} CommonsCli;

/* Runs a command whose options are parsed and whose store is open. @args
 * holds its positional arguments only. */
typedef gboolean (*CommonsCliFunc) (CommonsCli  *cli,
                                    char       **args,
                                    GError     **error);

typedef struct
{
  const char         *family;
  /* NULL for a command that is one word, such as sync. */
  const char         *name;
  /* Its positional arguments as --help shows them, such as “ID”, marked
   * for translation. */
  const char         *args;
  const char         *summary;
  const GOptionEntry *options;
  guint               min_args;
  guint               max_args;
  CommonsCliFunc      run;
  /* Runs without opening the data folder: checking a credential needs
   * nothing of this device. */
  gboolean            no_store;
} CommonsCliCommand;

#define COMMONS_CLI_ANY_ARGS G_MAXUINT

/* One table per family, each ended by an entry with no family. */
extern const CommonsCliCommand commons_cli_note_commands[];
extern const CommonsCliCommand commons_cli_plan_commands[];
extern const CommonsCliCommand commons_cli_review_commands[];
extern const CommonsCliCommand commons_cli_group_commands[];
extern const CommonsCliCommand commons_cli_conflict_commands[];
extern const CommonsCliCommand commons_cli_bundle_commands[];
extern const CommonsCliCommand commons_cli_comment_commands[];
extern const CommonsCliCommand commons_cli_question_commands[];
extern const CommonsCliCommand commons_cli_answer_commands[];
extern const CommonsCliCommand commons_cli_vote_commands[];
extern const CommonsCliCommand commons_cli_member_commands[];
extern const CommonsCliCommand commons_cli_badge_commands[];

GQuark           commons_cli_error_quark      (void);

int              commons_cli_run              (CommonsCli              *cli,
                                               const CommonsCliCommand *command,
                                               int                      argc,
                                               char                   **argv);
int              commons_cli_report           (CommonsCli              *cli,
                                               const GError            *error);

gboolean         commons_cli_usage_error      (GError                 **error,
                                               const char              *format,
                                               ...) G_GNUC_PRINTF (2, 3);
gboolean         commons_cli_not_found        (GError                 **error,
                                               const char              *format,
                                               ...) G_GNUC_PRINTF (2, 3);

void             commons_cli_print_json       (JsonNode                *node);
void             commons_cli_print_builder    (JsonBuilder             *builder);
void             commons_cli_add_string       (JsonBuilder             *builder,
                                               const char              *name,
                                               const char              *value);
JsonNode        *commons_cli_revision_to_json (CommonsRevision         *revision);
void             commons_cli_print_done       (CommonsCli              *cli,
                                               const char              *id,
                                               const char              *what);

char            *commons_cli_read_text        (const char              *file,
                                               GError                 **error);
gboolean         commons_cli_read_body        (const char              *body,
                                               const char              *body_file,
                                               char                   **out,
                                               GError                 **error);
JsonObject      *commons_cli_read_json_object (const char              *file,
                                               GError                 **error);
CommonsRevision *commons_cli_load_record      (CommonsCli              *cli,
                                               const char              *id,
                                               const char              *kind,
                                               gboolean                 live,
                                               GError                 **error);
char            *commons_cli_find_revision    (CommonsCli              *cli,
                                               const char              *record,
                                               GPtrArray               *revisions,
                                               const char              *prefix,
                                               GError                 **error);
CommonsGroup    *commons_cli_find_group       (CommonsCli              *cli,
                                               const char              *group,
                                               GError                 **error);
CommonsSyncClient *commons_cli_sync_client    (CommonsCli              *cli);
gboolean         commons_cli_restore          (CommonsCli              *cli,
                                               const char              *id,
                                               const char              *kind,
                                               const char              *revision,
                                               GError                 **error);

G_END_DECLS
