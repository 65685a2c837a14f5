/* commons-revision.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-revision"

#include "config.h"

#include <string.h>

#include "commons-identity.h"
#include "commons-json.h"
#include "commons-revision.h"

/* A revision is immutable once made: everything below is computed in the
 * constructor and never changes, so revisions are shared freely between
 * threads by reference. */
struct _CommonsRevision
{
  char        *id;
  char        *record;
  char        *kind;
  GStrv        parents;
  char        *author;
  char        *time;
  gboolean     deleted;
  JsonObject  *fields;
  char        *canonical;
  /* From the wire only: the author's signature of the id, which travels
   * beside the body and is not part of what the id hashes. */
  char        *signature;
  /* Derived from the fields on first use, by whichever thread asks first:
   * a pull works them out while it checks signatures, before the thread
   * that stores the page needs them. */
  char        *search_text;
  char        *preview;
};

G_DEFINE_QUARK (commons-revision-error-quark, commons_revision_error)
G_DEFINE_BOXED_TYPE (CommonsRevision, commons_revision, commons_revision_ref, commons_revision_unref)

static void
commons_revision_clear (gpointer data)
{
  CommonsRevision *self = data;

  g_free (self->id);
  g_free (self->record);
  g_free (self->kind);
  g_strfreev (self->parents);
  g_free (self->author);
  g_free (self->time);
  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self->canonical);
  g_free (self->signature);
  g_free (self->search_text);
  g_free (self->preview);
}

CommonsRevision *
commons_revision_ref (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
commons_revision_unref (CommonsRevision *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, commons_revision_clear);
}

static gboolean
is_lower_hex (const char *s,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return s[len] == '\0';
}

gboolean
commons_revision_id_is_valid (const char *id)
{
  return id != NULL && strlen (id) == 64 && is_lower_hex (id, 64);
}

gboolean
commons_uuid_is_valid (const char *uuid)
{
  return uuid != NULL && strlen (uuid) == 36 && g_uuid_string_is_valid (uuid);
}

/**
 * commons_time_now:
 *
 * Returns: (transfer full): the current time as RFC 3339 UTC with
 *   milliseconds, the only form revisions carry ("2026-01-02T03:04:05.678Z")
 */
char *
commons_time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}

gboolean
commons_time_is_valid (const char *time)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:dd.dddZ";
  g_autoptr(GDateTime) parsed = NULL;

  if (time == NULL || strlen (time) != strlen (pattern))
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (time[i]) : time[i] != pattern[i])
        return FALSE;
    }
  parsed = g_date_time_new_from_iso8601 (time, NULL);
  return parsed != NULL;
}

static char *
hash_text (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static JsonNode *
build_body (CommonsRevision *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, COMMONS_REVISION_FORMAT);
  json_builder_set_member_name (builder, "record");
  json_builder_add_string_value (builder, self->record);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind);
  json_builder_set_member_name (builder, "parents");
  json_builder_begin_array (builder);
  for (guint i = 0; self->parents[i] != NULL; i++)
    json_builder_add_string_value (builder, self->parents[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "author");
  if (self->author != NULL)
    json_builder_add_string_value (builder, self->author);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, self->time);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, self->deleted);
  json_builder_set_member_name (builder, "fields");
  {
    JsonNode *fields = json_node_alloc ();

    json_node_init_object (fields, self->fields);
    json_builder_add_value (builder, fields);
  }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
kind_is_valid (const char *kind)
{
  gsize len;

  if (kind == NULL)
    return FALSE;
  len = strlen (kind);
  if (len == 0 || len > 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (kind[i]) && kind[i] != '-')
      return FALSE;
  return TRUE;
}

/* How deep a JSON value nests, counting @object as @depth; stops counting
 * once past the limit. */
static guint
node_depth_of (JsonNode *node,
               guint     depth);

static guint
node_depth (JsonObject *object,
            guint       depth)
{
  JsonObjectIter iter;
  JsonNode *member;
  guint deepest = depth;

  if (depth > COMMONS_REVISION_MAX_FIELDS_DEPTH)
    return depth;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, NULL, &member))
    deepest = MAX (deepest, node_depth_of (member, depth + 1));
  return deepest;
}

static guint
node_depth_of (JsonNode *node,
               guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return node_depth (json_node_get_object (node), depth);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint deepest = depth;

      if (depth > COMMONS_REVISION_MAX_FIELDS_DEPTH)
        return depth;
      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, node_depth_of (json_array_get_element (array, i), depth + 1));
      return deepest;
    }
  return depth - 1;
}

static CommonsRevision *
finish (CommonsRevision  *self,
        const char       *expected_id,
        GError          **error)
{
  g_autoptr(CommonsRevision) owned = self;
  g_autoptr(JsonNode) body = NULL;

  if (!kind_is_valid (self->kind) || !commons_uuid_is_valid (self->record) ||
      !commons_time_is_valid (self->time) ||
      (self->author != NULL && commons_person_id_classify (self->author) == COMMONS_PERSON_INVALID))
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_INVALID,
                           "Revision has a malformed record, kind, author or time");
      return NULL;
    }

  if (g_strv_length (self->parents) > COMMONS_REVISION_MAX_PARENTS)
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_INVALID,
                           "Revision has too many parents");
      return NULL;
    }
  for (guint i = 0; self->parents[i] != NULL; i++)
    {
      if (!commons_revision_id_is_valid (self->parents[i]) ||
          (i > 0 && strcmp (self->parents[i - 1], self->parents[i]) >= 0))
        {
          g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_INVALID,
                               "Revision parents must be distinct, sorted revision ids");
          return NULL;
        }
    }

  if (node_depth (self->fields, 1) > COMMONS_REVISION_MAX_FIELDS_DEPTH)
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_INVALID,
                           "Revision fields are nested too deeply");
      return NULL;
    }

  body = build_body (self);
  self->canonical = commons_json_canonical (body, error);
  if (self->canonical == NULL)
    return NULL;

  if (strlen (self->canonical) > COMMONS_REVISION_MAX_SIZE)
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_TOO_LARGE,
                           "Revision is too large");
      return NULL;
    }

  self->id = hash_text (self->canonical);

  if (expected_id != NULL && strcmp (expected_id, self->id) != 0)
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_WRONG_ID,
                           "Revision id does not match its content");
      return NULL;
    }

  return g_steal_pointer (&owned);
}

/**
 * commons_revision_new:
 * @record: the record's UUID
 * @kind: the record kind, such as "note" or "plan"
 * @parents: (nullable): parent revision ids, in any order
 * @author: (nullable): the author's person id; %NULL for merge revisions
 * @time: (nullable): RFC 3339 UTC time, or %NULL for now
 * @deleted: whether this revision deletes the record
 * @fields: the record's fields; the revision keeps a copy-free reference,
 *   so the caller must not change it afterwards
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new revision with its id computed
 */
CommonsRevision *
commons_revision_new (const char          *record,
                      const char          *kind,
                      const char * const  *parents,
                      const char          *author,
                      const char          *time,
                      gboolean             deleted,
                      JsonObject          *fields,
                      GError             **error)
{
  CommonsRevision *self;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_val_if_fail (fields != NULL, NULL);

  for (guint i = 0; parents != NULL && parents[i] != NULL; i++)
    g_ptr_array_add (sorted, g_strdup (parents[i]));
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  self = g_atomic_rc_box_new0 (CommonsRevision);
  self->record = g_strdup (record);
  self->kind = g_strdup (kind);
  self->parents = (GStrv) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
  self->author = g_strdup (author);
  self->time = time != NULL ? g_strdup (time) : commons_time_now ();
  self->deleted = !!deleted;
  self->fields = json_object_ref (fields);

  return finish (self, NULL, error);
}

static const char *
member_string (JsonObject *object,
               const char *name,
               gboolean    nullable,
               gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      *ok = FALSE;
      return NULL;
    }
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

/**
 * commons_revision_new_from_node:
 * @node: a revision as JSON: its body, with or without an "id" member
 * @expected_id: (nullable): the id it must have
 * @error: return location for a #GError
 *
 * Checks the shape of an untrusted revision and recomputes its id. If the
 * node carries an "id" member, it must match too.
 *
 * Returns: (transfer full): the revision, or %NULL if it is malformed
 */
static CommonsRevision *
revision_from_node (JsonNode    *node,
                    const char  *expected_id,
                    const char  *trusted_canonical,
                    GError     **error)
{
  JsonObject *object;
  JsonNode *member;
  JsonArray *parents;
  CommonsRevision *self;
  const char *id = NULL;
  const char *signature = NULL;
  const char *record, *kind, *author, *time;
  gboolean ok = TRUE;
  guint n_members;
  guint n_parents;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);
  n_members = json_object_get_size (object);

  if (json_object_has_member (object, "id"))
    {
      id = member_string (object, "id", FALSE, &ok);
      if (!ok)
        goto invalid;
      n_members--;
    }
  if (json_object_has_member (object, "sig"))
    {
      signature = member_string (object, "sig", FALSE, &ok);
      if (!ok || strlen (signature) != 128)
        goto invalid;
      n_members--;
    }
  if (n_members != 8)
    goto invalid;

  member = json_object_get_member (object, "v");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) != COMMONS_REVISION_FORMAT)
    goto invalid;

  record = member_string (object, "record", FALSE, &ok);
  kind = member_string (object, "kind", FALSE, &ok);
  author = member_string (object, "author", TRUE, &ok);
  time = member_string (object, "time", FALSE, &ok);
  if (!ok)
    goto invalid;

  member = json_object_get_member (object, "deleted");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    goto invalid;

  member = json_object_get_member (object, "parents");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    goto invalid;
  parents = json_node_get_array (member);
  n_parents = json_array_get_length (parents);
  if (n_parents > COMMONS_REVISION_MAX_PARENTS)
    goto invalid;

  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "fields")))
    goto invalid;

  self = g_atomic_rc_box_new0 (CommonsRevision);
  self->record = g_strdup (record);
  self->kind = g_strdup (kind);
  self->author = g_strdup (author);
  self->time = g_strdup (time);
  self->deleted = json_object_get_boolean_member (object, "deleted");
  self->fields = json_object_ref (json_object_get_object_member (object, "fields"));
  self->signature = g_strdup (signature);
  self->parents = g_new0 (char *, n_parents + 1);
  for (guint i = 0; i < n_parents; i++)
    {
      JsonNode *p = json_array_get_element (parents, i);

      if (!JSON_NODE_HOLDS_VALUE (p) || json_node_get_value_type (p) != G_TYPE_STRING)
        {
          commons_revision_unref (self);
          goto invalid;
        }
      self->parents[i] = g_strdup (json_node_get_string (p));
    }

  if (id != NULL && expected_id != NULL && strcmp (id, expected_id) != 0)
    {
      commons_revision_unref (self);
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_WRONG_ID,
                           "Revision id does not match its content");
      return NULL;
    }

  /* Read back from the store, which checked it on the way in. */
  if (trusted_canonical != NULL)
    {
      self->canonical = g_strdup (trusted_canonical);
      self->id = g_strdup (expected_id);
      return self;
    }

  return finish (self, id != NULL ? id : expected_id, error);

invalid:
  g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_INVALID,
                       "Revision does not have the expected shape");
  return NULL;
}

CommonsRevision *
commons_revision_new_from_node (JsonNode    *node,
                                const char  *expected_id,
                                GError     **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  return revision_from_node (node, expected_id, NULL, error);
}

/**
 * _commons_revision_new_trusted:
 * @id: the revision's id
 * @canonical: its canonical body, as stored
 *
 * Reads a revision back from the store, which checked it in full before
 * it stored it: the id is not hashed again nor the body made canonical
 * again, which is most of the cost of reading one.
 *
 * Returns: (transfer full): the revision, or %NULL if the text is damaged
 */
CommonsRevision *
_commons_revision_new_trusted (const char  *id,
                               const char  *canonical,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  g_return_val_if_fail (id != NULL && canonical != NULL, NULL);

  if (!json_parser_load_from_data (parser, canonical, -1, error))
    return NULL;
  return revision_from_node (json_parser_get_root (parser), id, canonical, error);
}

/**
 * commons_revision_new_from_json:
 * @data: a revision as JSON text
 * @length: its length, or -1 if NUL-terminated
 * @expected_id: (nullable): the id it must have
 * @error: return location for a #GError
 *
 * Like commons_revision_new_from_node(), from untrusted text.
 *
 * Returns: (transfer full): the revision, or %NULL
 */
CommonsRevision *
commons_revision_new_from_json (const char  *data,
                                gssize       length,
                                const char  *expected_id,
                                GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if ((gsize) length > COMMONS_REVISION_MAX_SIZE + 256)
    {
      g_set_error_literal (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_TOO_LARGE,
                           "Revision is too large");
      return NULL;
    }

  node = commons_json_parse (data, length, error);
  if (node == NULL)
    return NULL;

  return commons_revision_new_from_node (node, expected_id, error);
}

const char *
commons_revision_get_id (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
commons_revision_get_record (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record;
}

const char *
commons_revision_get_kind (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kind;
}

const char * const *
commons_revision_get_parents (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->parents;
}

const char *
commons_revision_get_author (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->author;
}

const char *
commons_revision_get_time (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->time;
}

gboolean
commons_revision_get_deleted (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->deleted;
}

/**
 * commons_revision_get_fields:
 *
 * Returns: (transfer none): the fields; do not modify them
 */
JsonObject *
commons_revision_get_fields (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

/**
 * commons_revision_get_canonical:
 *
 * Returns: the canonical JSON body whose SHA-256 is the revision's id
 */
const char *
commons_revision_get_canonical (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->canonical;
}

/**
 * commons_revision_get_string_field:
 * @name: a field name
 *
 * Returns: (nullable): the field's value if it is a string, else %NULL
 */
const char *
commons_revision_get_string_field (CommonsRevision *self,
                                   const char      *name)
{
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  node = json_object_get_member (self->fields, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * commons_revision_to_wire:
 *
 * Returns: (transfer full): the revision as sent over the network or written
 *   to a bundle: its body plus an "id" member
 */
JsonNode *
commons_revision_to_wire (CommonsRevision *self)
{
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  node = build_body (self);
  json_object_set_string_member (json_node_get_object (node), "id", self->id);
  if (self->signature != NULL)
    json_object_set_string_member (json_node_get_object (node), "sig", self->signature);
  return node;
}

/**
 * commons_revision_signature_holds:
 *
 * Returns: whether the revision names a key as its author and carries that
 *   key's signature of its id
 */
gboolean
commons_revision_signature_holds (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return commons_person_id_classify (self->author) == COMMONS_PERSON_KEY &&
         commons_identity_verify (self->author, COMMONS_SIGN_REVISION, self->id, self->signature);
}

/**
 * commons_revision_get_signature:
 *
 * Returns: (nullable): the signature that came with the revision on the
 *   wire, not yet checked by anyone; %NULL for revisions made here
 */
const char *
commons_revision_get_signature (CommonsRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->signature;
}

/* What search and lists read of a revision. */

static void
collect_strings (JsonNode *node,
                 GString  *out,
                 guint     depth)
{
  if (depth > COMMONS_JSON_MAX_DEPTH)
    return;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (*s != '\0')
            {
              if (out->len > 0)
                g_string_append_c (out, '\n');
              g_string_append (out, s);
            }
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_strings (json_array_get_element (array, i), out, depth + 1);
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &member))
          {
            /* The record's title has a column of its own; identifiers are
             * not words anyone searches for. */
            if ((depth == 0 && g_str_equal (key, "title")) ||
                g_str_equal (key, "derived_from") ||
                g_str_equal (key, "plan") || g_str_equal (key, "plan_revision") ||
                g_str_equal (key, "reply_to") || g_str_equal (key, "question") ||
                g_str_equal (key, "answer") || g_str_equal (key, "accepted"))
              continue;
            collect_strings (member, out, depth + 1);
          }
      }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}


static char *
make_preview (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  guint n_chars = 0;

  /* The first non-empty lines, folded onto one line, about 160 characters. */
  while (*p != '\0' && n_chars < 160)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            {
              g_string_append_c (out, ' ');
              n_chars++;
            }
        }
      else
        {
          g_string_append_unichar (out, c);
          n_chars++;
        }
      p = g_utf8_next_char (p);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

/* Keeps @made in @slot unless another thread got there first. */
static const char *
cache_text (char **slot,
            char  *made)
{
  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, made))
    g_free (made);
  return g_atomic_pointer_get (slot);
}

/**
 * commons_revision_get_search_text:
 *
 * Returns: every string in the revision's fields but the title and
 *   identifiers, one per line: what search indexes besides the title
 */
const char *
commons_revision_get_search_text (CommonsRevision *self)
{
  const char *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_atomic_pointer_get (&self->search_text);
  if (text == NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonNode) node = json_node_alloc ();

      json_node_init_object (node, self->fields);
      collect_strings (node, out, 0);
      text = cache_text (&self->search_text, g_string_free (g_steal_pointer (&out), FALSE));
    }
  return text;
}

/**
 * commons_revision_get_preview:
 *
 * Returns: what a list row shows of the revision: the start of a plan's
 *   summary or a note's body, else of its other words in field order, on
 *   one line
 */
const char *
commons_revision_get_preview (CommonsRevision *self)
{
  const char *preview;

  g_return_val_if_fail (self != NULL, NULL);

  preview = g_atomic_pointer_get (&self->preview);
  if (preview == NULL)
    {
      const char *lead = commons_revision_get_string_field (self, "summary");

      if (lead == NULL || *lead == '\0')
        lead = commons_revision_get_string_field (self, "body");
      if (lead == NULL || *lead == '\0')
        lead = commons_revision_get_search_text (self);
      preview = cache_text (&self->preview, make_preview (lead));
    }
  return preview;
}
