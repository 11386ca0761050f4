/* dlb-types.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DlbCase        DlbCase;
typedef struct _DlbEntity      DlbEntity;
typedef struct _DlbStakeholder DlbStakeholder;
typedef struct _DlbSource      DlbSource;
typedef struct _DlbFinding     DlbFinding;
typedef struct _DlbItem        DlbItem;
typedef struct _DlbCriterion   DlbCriterion;
typedef struct _DlbOption      DlbOption;
typedef struct _DlbScore       DlbScore;
typedef struct _DlbPerspective DlbPerspective;

typedef enum
{
  DLB_GROUP_GOVERNMENT,
  DLB_GROUP_POLICE,
  DLB_GROUP_VENDOR,
  DLB_GROUP_RESIDENTS,
  DLB_GROUP_CIVIL_SOCIETY,
  DLB_GROUP_MEDIA,
  DLB_GROUP_POLITICAL,
  DLB_GROUP_OTHER,
} DlbGroup;

typedef enum
{
  DLB_RELIABILITY_VERIFIED,
  DLB_RELIABILITY_REPORTED,
  DLB_RELIABILITY_VENDOR_CLAIM,
} DlbReliability;

typedef enum
{
  DLB_FINDING_OPEN,
  DLB_FINDING_CONDITION_REQUIRED,
  DLB_FINDING_RESOLVED,
  DLB_FINDING_ACCEPTED,
} DlbFindingStatus;

typedef enum
{
  DLB_ITEM_OPPORTUNITY,
  DLB_ITEM_RISK,
} DlbItemKind;

typedef enum
{
  DLB_PAPER_AUTO,
  DLB_PAPER_LETTER,
  DLB_PAPER_A4,
} DlbPaperSize;

typedef enum
{
  DLB_WEIGHTING_DIRECT,
  DLB_WEIGHTING_RANKING,
  DLB_WEIGHTING_AHP,
  DLB_WEIGHTING_SWING,
} DlbWeighting;

/* The kinds of entity a case holds, in the order the case file, the JSON
 * and the memo list them. */
typedef enum
{
  DLB_KIND_CASE,
  DLB_KIND_STAKEHOLDER,
  DLB_KIND_SOURCE,
  DLB_KIND_FINDING,
  DLB_KIND_ITEM,
  DLB_KIND_CRITERION,
  DLB_KIND_OPTION,
  DLB_KIND_SCORE,
  DLB_KIND_PERSPECTIVE,
} DlbKind;

#define DLB_N_LIST_KINDS 8

G_END_DECLS
