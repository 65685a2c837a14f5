/* commons-record-list.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-record-list"

#include "config.h"

#include <string.h>

#include "commons-group-rule.h"
#include "commons-record-list.h"
#include "commons-store-private.h"

/* CommonsRecordSummary: one row of a list, read from materialized state. */

struct _CommonsRecordSummary
{
  GObject   parent_instance;
  char     *id;
  char     *kind;
  char     *title;
  char     *snippet;
  char     *updated;
  gboolean  conflict;
};

G_DEFINE_FINAL_TYPE (CommonsRecordSummary, commons_record_summary, G_TYPE_OBJECT)

enum {
  SUMMARY_PROP_0,
  SUMMARY_PROP_ID,
  SUMMARY_PROP_KIND,
  SUMMARY_PROP_TITLE,
  SUMMARY_PROP_SNIPPET,
  SUMMARY_PROP_UPDATED,
  SUMMARY_PROP_CONFLICT,
  SUMMARY_N_PROPS
};

static GParamSpec *summary_properties[SUMMARY_N_PROPS];

static void
commons_record_summary_finalize (GObject *object)
{
  CommonsRecordSummary *self = (CommonsRecordSummary *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (commons_record_summary_parent_class)->finalize (object);
}

static void
commons_record_summary_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CommonsRecordSummary *self = COMMONS_RECORD_SUMMARY (object);

  switch (prop_id)
    {
    case SUMMARY_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case SUMMARY_PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case SUMMARY_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case SUMMARY_PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case SUMMARY_PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case SUMMARY_PROP_CONFLICT:
      g_value_set_boolean (value, self->conflict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_record_summary_class_init (CommonsRecordSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_record_summary_finalize;
  object_class->get_property = commons_record_summary_get_property;

  summary_properties[SUMMARY_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CommonsRecordSummary:snippet:
   *
   * The start of the record's text, or around the matched words when the
   * list is searched; matches are enclosed in %COMMONS_MATCH_START and
   * %COMMONS_MATCH_END.
   */
  summary_properties[SUMMARY_PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  summary_properties[SUMMARY_PROP_CONFLICT] =
    g_param_spec_boolean ("conflict", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SUMMARY_N_PROPS, summary_properties);
}

static void
commons_record_summary_init (CommonsRecordSummary *self)
{
}

const char *
commons_record_summary_get_id (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), NULL);
  return self->id;
}

const char *
commons_record_summary_get_kind (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), NULL);
  return self->kind;
}

const char *
commons_record_summary_get_title (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), NULL);
  return self->title;
}

const char *
commons_record_summary_get_snippet (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), NULL);
  return self->snippet;
}

const char *
commons_record_summary_get_updated (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), NULL);
  return self->updated;
}

gboolean
commons_record_summary_get_conflict (CommonsRecordSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_SUMMARY (self), FALSE);
  return self->conflict;
}

/* CommonsRecordList: the row ids of a query, with rows read on demand so a
 * list of 50,000 notes holds 50,000 integers, not 50,000 objects. */

#define CACHE_LIMIT 512

struct _CommonsRecordList
{
  GObject        parent_instance;
  CommonsStore  *store;
  char          *kind;
  char          *search;
  char          *match;
  GArray        *rows;
  GHashTable    *cache;
  CommonsRecordQueryFunc query_func;
  gpointer       query_data;
  GDestroyNotify query_destroy;
  guint          first;   /* only the newest so many rows are listed yet */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CommonsRecordList, commons_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
commons_record_list_get_item_type (GListModel *model)
{
  return COMMONS_TYPE_RECORD_SUMMARY;
}

static guint
commons_record_list_get_n_items (GListModel *model)
{
  return COMMONS_RECORD_LIST (model)->rows->len;
}

/* Snippets. FTS5's snippet() re-runs the query for every row, which for a
 * prefix search costs about half a millisecond a row; the list needs a
 * snippet for each visible row as it scrolls. Instead the row's text is
 * read by rowid and the words are matched here, folded the way the index
 * folds them (case, and accents removed), so "eleve" marks "élèves". */

static char *
fold_word (const char *word,
           gssize      length)
{
  g_autofree char *decomposed = g_utf8_normalize (word, length, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

/* The words of an FTS query from commons_store_build_match(), folded. */
static GStrv
match_words (const char *match)
{
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (match, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *bare = g_strdup (parts[i]);
      char *start = bare;
      gsize len;

      while (*start == '"')
        start++;
      len = strlen (start);
      while (len > 0 && (start[len - 1] == '"' || start[len - 1] == '*'))
        start[--len] = '\0';
      if (len > 0)
        g_ptr_array_add (folded, fold_word (start, len));
    }
  g_ptr_array_add (folded, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&folded), FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
word_matches (const char *word,
              gsize       length,
              GStrv       words)
{
  g_autofree char *folded = NULL;
  gboolean ascii = TRUE;

  /* Folding an ASCII word is lowering its case, without the Unicode
   * tables: most words of most notes, and most of a snippet's cost. */
  for (gsize i = 0; i < length && ascii; i++)
    ascii = (guchar) word[i] < 0x80;
  if (ascii)
    {
      for (guint i = 0; words[i] != NULL; i++)
        {
          gsize prefix = strlen (words[i]);

          if (prefix <= length && g_ascii_strncasecmp (word, words[i], prefix) == 0)
            return TRUE;
        }
      return FALSE;
    }

  folded = fold_word (word, length);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (folded, words[i]))
      return TRUE;
  return FALSE;
}

/* About sixteen words of text around its first match, with every
 * matching word between COMMONS_MATCH_START and COMMONS_MATCH_END;
 * NULL if no word matches. */
static char *
highlight (const char *text,
           GStrv       words)
{
  enum { BEFORE = 4, TOTAL = 16 };
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  const char *from;
  const char *first = NULL;
  guint first_index = 0;
  guint shown = 0;

  /* Word starts, up to well past the first match. */
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_array_append_val (starts, start);
      if (first == NULL && word_matches (start, p - start, words))
        {
          first = start;
          first_index = starts->len - 1;
        }
      if (first != NULL && starts->len > first_index + TOTAL)
        break;
    }
  if (first == NULL)
    return NULL;

  from = first_index > BEFORE ? g_array_index (starts, const char *, first_index - BEFORE) : text;
  if (from != text)
    g_string_append (out, "…");

  p = from;
  while (*p != '\0' && shown < TOTAL)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          const char *start = p;

          while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (word_matches (start, p - start, words))
            {
              g_string_append (out, COMMONS_MATCH_START);
              g_string_append_len (out, start, p - start);
              g_string_append (out, COMMONS_MATCH_END);
            }
          else
            g_string_append_len (out, start, p - start);
          shown++;
          continue;
        }
      /* Lines fold into spaces: a snippet is one line. */
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_snippet (CommonsStore *store,
              gint64        rowid,
              const char   *match)
{
  g_auto(GStrv) words = match_words (match);
  sqlite3_stmt *stmt;
  char *snippet = NULL;

  if (words[0] == NULL)
    return NULL;

  /* A lookup by rowid: no query to run again. */
  stmt = _commons_store_prepare (store, "SELECT body, title FROM record_search WHERE rowid = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *body = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);

      snippet = highlight (body != NULL ? body : "", words);
      if (snippet == NULL)
        snippet = highlight (title != NULL ? title : "", words);
    }
  sqlite3_reset (stmt);
  return snippet;
}

/**
 * commons_record_summary_load:
 * @store: the store
 * @rowid: a row id from commons_store_query() or a kind's own query
 * @match: (nullable): an FTS5 query from commons_store_build_match(), to
 *   make the snippet show the matches
 *
 * Returns: (transfer full) (nullable): the record's summary, or %NULL if
 *   it is gone
 */
CommonsRecordSummary *
commons_record_summary_load (CommonsStore *store,
                             gint64        rowid,
                             const char   *match)
{
  g_autoptr(GError) error = NULL;
  CommonsRecordSummary *summary;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  stmt = _commons_store_prepare (store,
      "SELECT id, kind, title, preview, updated, conflict FROM records WHERE rowid = ?", &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read a list row: %s", error->message);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  summary = g_object_new (COMMONS_TYPE_RECORD_SUMMARY, NULL);
  summary->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  summary->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  summary->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  summary->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  summary->updated = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  summary->conflict = sqlite3_column_int (stmt, 5);
  sqlite3_reset (stmt);

  if (match != NULL)
    {
      g_autofree char *snippet = make_snippet (store, rowid, match);

      if (snippet != NULL)
        {
          g_free (summary->snippet);
          summary->snippet = g_steal_pointer (&snippet);
        }
    }

  return summary;
}

static gpointer
commons_record_list_get_item (GListModel *model,
                              guint       position)
{
  CommonsRecordList *self = COMMONS_RECORD_LIST (model);
  CommonsRecordSummary *summary;
  gint64 rowid;

  if (position >= self->rows->len)
    return NULL;

  rowid = g_array_index (self->rows, gint64, position);
  summary = g_hash_table_lookup (self->cache, &rowid);
  if (summary != NULL)
    return g_object_ref (summary);

  summary = commons_record_summary_load (self->store, rowid, self->match);
  if (summary == NULL)
    return NULL;

  /* Visible rows are re-read cheaply; a full cache is simply dropped. */
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&rowid, sizeof rowid), g_object_ref (summary));

  return summary;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = commons_record_list_get_item_type;
  iface->get_n_items = commons_record_list_get_n_items;
  iface->get_item = commons_record_list_get_item;
}

static gint64
row_at (GArray *rows,
        guint   i)
{
  return g_array_index (rows, gint64, i);
}

/* Lists the records again. With @diff, only the span that differs from
 * before is announced, and @changed_record (if any) counts as differing. */
static void
reload (CommonsRecordList *self,
        gboolean           diff,
        const char        *changed_record)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GError) error = NULL;
  GArray *rows;
  guint prefix = 0, suffix = 0;
  guint removed, added;

  if (self->first > 0)
    rows = commons_store_query_newest (self->store, self->kind, self->first, &error);
  else if (self->query_func != NULL)
    rows = self->query_func (self->store, self->search, self->query_data, &error);
  else
    rows = commons_store_query (self->store, self->kind, self->search, &error);
  if (rows == NULL)
    {
      g_warning ("Cannot list records: %s", error->message);
      rows = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  old = g_steal_pointer (&self->rows);
  self->rows = rows;

  if (!diff)
    {
      g_hash_table_remove_all (self->cache);
      prefix = 0;
      suffix = 0;
    }
  else
    {
      GHashTableIter iter;
      gpointer key, value;
      gint64 changed_rowid = 0;

      g_hash_table_iter_init (&iter, self->cache);
      while (changed_record != NULL && g_hash_table_iter_next (&iter, &key, &value))
        {
          if (g_strcmp0 (commons_record_summary_get_id (value), changed_record) == 0)
            {
              changed_rowid = *(gint64 *) key;
              g_hash_table_iter_remove (&iter);
            }
        }

      /* Announce only the span that differs, so selection and scroll
       * position survive an autosave. */
      while (prefix < old->len && prefix < rows->len &&
             row_at (old, prefix) == row_at (rows, prefix) &&
             row_at (rows, prefix) != changed_rowid)
        prefix++;
      while (suffix < old->len - prefix && suffix < rows->len - prefix &&
             row_at (old, old->len - 1 - suffix) == row_at (rows, rows->len - 1 - suffix) &&
             row_at (rows, rows->len - 1 - suffix) != changed_rowid)
        suffix++;
    }

  removed = old->len - prefix - suffix;
  added = rows->len - prefix - suffix;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old->len != rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
record_changed_cb (CommonsRecordList *self,
                   const char        *record,
                   const char        *kind,
                   CommonsStore      *store)
{
  /* A list that filters by review status also changes with a group's
   * rule, which that status derives from. */
  if (self->kind != NULL && g_strcmp0 (kind, self->kind) != 0 &&
      !(self->query_func != NULL && g_strcmp0 (kind, COMMONS_GROUP_RULE_KIND) == 0))
    return;
  self->first = 0;
  reload (self, TRUE, record);
}

static void
commons_record_list_dispose (GObject *object)
{
  CommonsRecordList *self = (CommonsRecordList *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (commons_record_list_parent_class)->dispose (object);
}

static void
commons_record_list_finalize (GObject *object)
{
  CommonsRecordList *self = (CommonsRecordList *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->match, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  if (self->query_destroy != NULL)
    self->query_destroy (self->query_data);

  G_OBJECT_CLASS (commons_record_list_parent_class)->finalize (object);
}

static void
commons_record_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommonsRecordList *self = COMMONS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rows->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_record_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommonsRecordList *self = COMMONS_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      commons_record_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_record_list_class_init (CommonsRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = commons_record_list_dispose;
  object_class->finalize = commons_record_list_finalize;
  object_class->get_property = commons_record_list_get_property;
  object_class->set_property = commons_record_list_set_property;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
commons_record_list_init (CommonsRecordList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * commons_record_list_new:
 * @store: the store to list
 * @kind: (nullable): the kind of records to list, or %NULL for all
 *
 * Returns: (transfer full): a list of live records, newest first, that
 *   follows changes to the store
 */
CommonsRecordList *
commons_record_list_new (CommonsStore *store,
                         const char   *kind)
{
  CommonsRecordList *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = g_strdup (kind);
  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reload (self, FALSE, NULL);
  return self;
}

/**
 * commons_record_list_new_first:
 * @store: the store to list
 * @kind: the kind of records to list
 * @first: how many of the newest records to list at first
 *
 * Like commons_record_list_new(), but lists only the @first newest records
 * until commons_record_list_load_rest() is called (or anything reloads
 * the list): enough to fill a window at once without reading the order of
 * every record.
 *
 * Returns: (transfer full): a list of live records, newest first
 */
CommonsRecordList *
commons_record_list_new_first (CommonsStore *store,
                               const char   *kind,
                               guint         first)
{
  CommonsRecordList *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (first > 0, NULL);

  self = g_object_new (COMMONS_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = g_strdup (kind);
  self->first = first;
  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reload (self, FALSE, NULL);
  return self;
}

/**
 * commons_record_list_load_rest:
 *
 * Lists every record of a list made by commons_record_list_new_first(),
 * announcing only the rows added after the first ones.
 */
void
commons_record_list_load_rest (CommonsRecordList *self)
{
  g_return_if_fail (COMMONS_IS_RECORD_LIST (self));

  if (self->first == 0)
    return;
  self->first = 0;
  reload (self, TRUE, NULL);
}

/**
 * commons_record_list_set_query_func:
 * @func: (nullable): what lists the records, or %NULL for every live
 *   record of the list's kind
 *
 * Lists what @func returns instead, for instance plans filtered in SQLite
 * by subject and status. Reloads the list.
 */
void
commons_record_list_set_query_func (CommonsRecordList      *self,
                                    CommonsRecordQueryFunc  func,
                                    gpointer                user_data,
                                    GDestroyNotify          destroy)
{
  g_return_if_fail (COMMONS_IS_RECORD_LIST (self));

  if (self->query_destroy != NULL)
    self->query_destroy (self->query_data);
  self->query_func = func;
  self->query_data = user_data;
  self->query_destroy = destroy;
  self->first = 0;
  reload (self, FALSE, NULL);
}

const char *
commons_record_list_get_search (CommonsRecordList *self)
{
  g_return_val_if_fail (COMMONS_IS_RECORD_LIST (self), NULL);
  return self->search;
}

void
commons_record_list_set_search (CommonsRecordList *self,
                                const char        *search)
{
  g_return_if_fail (COMMONS_IS_RECORD_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_free (self->match);
  self->match = commons_store_build_match (search);
  self->first = 0;
  reload (self, FALSE, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
commons_record_list_reload (CommonsRecordList *self)
{
  g_return_if_fail (COMMONS_IS_RECORD_LIST (self));
  self->first = 0;
  reload (self, FALSE, NULL);
}

/**
 * commons_record_list_find:
 * @record: a record id
 *
 * Returns: the record's position, or %G_MAXUINT if it is not listed
 */
guint
commons_record_list_find (CommonsRecordList *self,
                          const char        *record)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;

  g_return_val_if_fail (COMMONS_IS_RECORD_LIST (self), G_MAXUINT);

  stmt = _commons_store_prepare (self->store, "SELECT rowid FROM records WHERE id = ?", NULL);
  if (stmt == NULL)
    return G_MAXUINT;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < self->rows->len; i++)
    if (row_at (self->rows, i) == rowid)
      return i;
  return G_MAXUINT;
}
