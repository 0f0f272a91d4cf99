import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { trainingCalls } from '../../../shared/api/training';
import { bulkUpdatePlans, createPlan, deletePlans, listPlans, restorePlans, updatePlan } from './plans';
import { bulkUpdateCourses, createCourse, deleteCourses, listCourses, restoreCourses, updateCourse } from './courses';
import { bulkUpdateEnrolments, checkEnrolment, createEnrolments, deleteEnrolments, listEnrolments, restoreEnrolments, updateEnrolment } from './enrolments';
import { createRuleSet, deleteRuleSet, listRuleSets, updateRuleSet } from './rules';
import { listCommitments } from './commitments';
import { computeGaps } from './gaps';

type Names = keyof typeof trainingCalls & CallName;
/** The training area's services, by call name. */
export const trainingHandlers: { [K in Names]: Handler<K> } = {
  'training.plans.list': (db, input) => listPlans(db, input),
  'training.plans.create': createPlan,
  'training.plans.update': updatePlan,
  'training.plans.bulkUpdate': bulkUpdatePlans,
  'training.plans.delete': deletePlans,
  'training.plans.restore': restorePlans,
  'training.courses.list': (db, input) => listCourses(db, input),
  'training.courses.create': createCourse,
  'training.courses.update': updateCourse,
  'training.courses.bulkUpdate': bulkUpdateCourses,
  'training.courses.delete': deleteCourses,
  'training.courses.restore': restoreCourses,
  'training.enrolments.list': (db, input) => listEnrolments(db, input),
  'training.enrolments.check': (db, input) => checkEnrolment(db, input.courseId, input.cadreIds),
  'training.enrolments.create': createEnrolments,
  'training.enrolments.update': updateEnrolment,
  'training.enrolments.bulkUpdate': bulkUpdateEnrolments,
  'training.enrolments.delete': deleteEnrolments,
  'training.enrolments.restore': restoreEnrolments,
  'training.rules.list': (db, input) => listRuleSets(db, input),
  'training.rules.create': createRuleSet,
  'training.rules.update': updateRuleSet,
  'training.rules.delete': deleteRuleSet,
  'training.commitments.list': (db, input) => listCommitments(db, input),
  'training.gaps': (db, input) => computeGaps(db, input),
  'training.forCadre': (db, input) => ({
    enrolments: listEnrolments(db, { cadreId: input.cadreId }),
    commitments: listCommitments(db, { cadreId: input.cadreId }).filter((c) => c.state !== 'fulfilled'),
  }),
};
