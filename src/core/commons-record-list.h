/* commons-record-list.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "commons-store.h"

G_BEGIN_DECLS


#define COMMONS_TYPE_RECORD_SUMMARY (commons_record_summary_get_type ())

G_DECLARE_FINAL_TYPE (CommonsRecordSummary, commons_record_summary, COMMONS, RECORD_SUMMARY, GObject)

const char *commons_record_summary_get_id       (CommonsRecordSummary *self);
const char *commons_record_summary_get_kind     (CommonsRecordSummary *self);
const char *commons_record_summary_get_title    (CommonsRecordSummary *self);
const char *commons_record_summary_get_snippet  (CommonsRecordSummary *self);
const char *commons_record_summary_get_updated  (CommonsRecordSummary *self);
gboolean    commons_record_summary_get_conflict (CommonsRecordSummary *self);
CommonsRecordSummary *commons_record_summary_load (CommonsStore *store,
                                                   gint64        rowid,
                                                   const char   *match);

/* Snippets mark matched words with these bytes, which never occur in
 * stored text's search index output otherwise; views turn them into
 * highlighting after escaping. */
#define COMMONS_MATCH_START "\x01"
#define COMMONS_MATCH_END   "\x02"

#define COMMONS_TYPE_RECORD_LIST (commons_record_list_get_type ())

G_DECLARE_FINAL_TYPE (CommonsRecordList, commons_record_list, COMMONS, RECORD_LIST, GObject)

/* Row ids of the records to list, in order; for kinds with their own
 * filters (plans by subject, level, status). */
typedef GArray *(*CommonsRecordQueryFunc) (CommonsStore  *store,
                                           const char    *search,
                                           gpointer       user_data,
                                           GError       **error);

CommonsRecordList *commons_record_list_new        (CommonsStore      *store,
                                                   const char        *kind);
CommonsRecordList *commons_record_list_new_first  (CommonsStore      *store,
                                                   const char        *kind,
                                                   guint              first);
void               commons_record_list_load_rest  (CommonsRecordList *self);
void               commons_record_list_set_query_func (CommonsRecordList      *self,
                                                       CommonsRecordQueryFunc  func,
                                                       gpointer                user_data,
                                                       GDestroyNotify          destroy);
const char        *commons_record_list_get_search (CommonsRecordList *self);
void               commons_record_list_set_search (CommonsRecordList *self,
                                                   const char        *search);
void               commons_record_list_reload     (CommonsRecordList *self);
guint              commons_record_list_find       (CommonsRecordList *self,
                                                   const char        *record);

G_END_DECLS
