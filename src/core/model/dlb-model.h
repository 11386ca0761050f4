/* dlb-model.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-types.h"
#include "dlb-enums.h"
#include "dlb-entity.h"
#include "dlb-case.h"
#include "dlb-stakeholder.h"
#include "dlb-source.h"
#include "dlb-finding.h"
#include "dlb-item.h"
#include "dlb-criterion.h"
#include "dlb-option.h"
#include "dlb-score.h"
#include "dlb-perspective.h"
#include "dlb-history.h"
