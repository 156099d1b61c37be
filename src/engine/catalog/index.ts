export * from './docs';
export * from './oids';
export * from './statuses';
export * from './sequences';
export * from './actors';
export * from './errno';
